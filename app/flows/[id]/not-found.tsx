import Link from "next/link";
import { Logo } from "@/components/ui/logo";

export default function FlowNotFound() {
  return (
    <main className="mx-auto flex max-w-xl flex-col items-start gap-4 px-6 py-24">
      <Logo size={32} />
      <h1 className="text-2xl font-semibold">This flow does not exist</h1>
      <p className="text-ink-muted">
        The link may be mistyped, or the flow was deleted. Flows are reached only through their link, so ask
        whoever shared it for a fresh one — or start a new flow.
      </p>
      <Link href="/" className="rounded-md bg-accent px-4 py-2 font-medium text-accent-ink">
        Go to Eventloom home
      </Link>
    </main>
  );
}
