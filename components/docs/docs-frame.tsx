import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "@/components/ui/logo";

/** The page around a guide: a way home and to the list of guides, and readable type for Markdown. */
export function DocsFrame({ children }: { children: ReactNode }) {
  return (
    <div className="mx-auto flex max-w-3xl flex-col gap-6 px-5 py-8">
      <nav aria-label="Help" className="flex items-center gap-3 text-sm">
        <Link href="/" aria-label="Eventloom home" className="rounded-md p-1 hover:bg-surface-sunken">
          <Logo />
        </Link>
        <Link href="/docs" className="font-medium text-accent hover:underline">
          All guides
        </Link>
      </nav>
      <article className="docs flex flex-col gap-3 text-[15px] leading-relaxed">{children}</article>
    </div>
  );
}
