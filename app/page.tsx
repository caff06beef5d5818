import { NewFlowButton } from "@/components/home/new-flow-button";
import { RecentFlows } from "@/components/home/recent-flows";
import { Logo } from "@/components/ui/logo";

export default function HomePage() {
  return (
    <main className="mx-auto flex max-w-4xl flex-col gap-10 px-6 py-12">
      <header className="flex items-center gap-3">
        <Logo size={32} />
        <h1 className="text-2xl font-semibold tracking-tight">Eventloom</h1>
      </header>
      <section className="flex flex-col gap-4">
        <p className="max-w-2xl text-base leading-relaxed text-ink-muted">
          Draw producers, topics and consumers on a canvas, wire them into a pipeline, and run it live: watch
          every event get published, delivered, retried, acked or dead-lettered, and trace what caused what.
        </p>
        <NewFlowButton />
      </section>
      <RecentFlows />
    </main>
  );
}
