"use client";

import { useInspector } from "@/components/inspector";
import { Button } from "@/components/ui/button";
import { isLive, useCanvasLive, useHasLiveRun } from "./live-layer";

/** The topic panel's "Produce event…" (edit links, while the flow runs): opens the produce form. */
export function TopicProduce({ topicId, topic }: { topicId: string; topic: string }) {
  if (!useHasLiveRun()) return null;
  return <TopicProduceButton topicId={topicId} topic={topic} />;
}

function TopicProduceButton({ topicId, topic }: { topicId: string; topic: string }) {
  const live = useCanvasLive(isLive);
  const canProduce = useInspector((s) => s.canProduce);
  const open = useInspector((s) => s.openProduce);
  if (!canProduce) return null;
  return (
    <section aria-label="Produce by hand" className="flex flex-col gap-2 border-t border-line pt-3">
      <h3 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Produce by hand</h3>
      <p className="text-xs text-ink-muted">
        {live
          ? "Publish one event into this topic now, to see what its consumers do with it."
          : "Deploy the flow to publish events into this topic by hand."}
      </p>
      <div>
        <Button disabled={!live} aria-label={`Produce event into ${topic}…`} onClick={() => open(topicId)}>
          Produce event…
        </Button>
      </div>
    </section>
  );
}
