import Link from "next/link";
import { Logo } from "@/components/ui/logo";

/** A view link that was regenerated, removed, or never existed. */
export default function ViewLinkNotValid() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-6 py-24">
      <Logo size={32} />
      <h1 className="text-2xl font-semibold">This view link is no longer valid</h1>
      <p className="text-ink-muted">
        Whoever shared it has made a new view link or removed it, so this one stopped working. Ask them for a
        fresh link — or start a flow of your own.
      </p>
      <Link href="/" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink">
        Go to Eventloom home
      </Link>
    </main>
  );
}
