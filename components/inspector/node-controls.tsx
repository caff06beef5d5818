"use client";

import { useState } from "react";
import { useNodeLive } from "@/components/realtime/live-hooks";
import { useRunControls } from "@/components/realtime/use-run-controls";
import { Button } from "@/components/ui/button";
import type { InspectorNode } from "./node-names";
import { useInspector } from "./inspector-context";

const SMALL = "px-2 py-0.5 text-xs";

/** The manual controls of one running node: fire/pause a producer; take a consumer offline, replay it. */
export function NodeControls({ node }: { node: InspectorNode }) {
  const live = useNodeLive(node.id);
  const controls = useRunControls();
  const [busy, setBusy] = useState(false);
  const run = (action: () => Promise<unknown>) => async () => {
    setBusy(true);
    await action();
    setBusy(false);
  };
  if (!live) return null;
  if (node.kind === "topic") return <TopicProduceControl node={node} />;
  if (node.kind === "producer") {
    return (
      <span className="inline-flex gap-1">
        <Button
          className={SMALL}
          disabled={busy}
          aria-label={`Fire one event from ${node.name}`}
          onClick={run(() => controls.fire(node.id, 1))}
        >
          Fire
        </Button>
        {live.paused ? (
          <Button
            className={SMALL}
            disabled={busy}
            aria-label={`Resume ${node.name}`}
            onClick={run(() => controls.resume(node.id))}
          >
            Resume
          </Button>
        ) : (
          <Button
            className={SMALL}
            disabled={busy}
            aria-label={`Pause ${node.name}`}
            onClick={run(() => controls.pause(node.id))}
          >
            Pause
          </Button>
        )}
      </span>
    );
  }
  return (
    <span className="inline-flex gap-1">
      {live.online === false ? (
        <Button
          className={SMALL}
          disabled={busy}
          aria-label={`Bring ${node.name} online`}
          onClick={run(() => controls.setOnline(node.id, true))}
        >
          Bring online
        </Button>
      ) : (
        <Button
          className={SMALL}
          disabled={busy}
          aria-label={`Take ${node.name} offline`}
          onClick={run(() => controls.setOnline(node.id, false))}
        >
          Take offline
        </Button>
      )}
      <Button
        className={SMALL}
        disabled={busy}
        aria-label={`Replay ${node.name} from the earliest offset`}
        onClick={run(() => controls.replay(node.id, "earliest"))}
      >
        Replay
      </Button>
    </span>
  );
}

function TopicProduceControl({ node }: { node: InspectorNode }) {
  const canProduce = useInspector((s) => s.canProduce);
  const open = useInspector((s) => s.openProduce);
  if (!canProduce) return null;
  return (
    <Button className={SMALL} aria-label={`Produce event into ${node.name}…`} onClick={() => open(node.id)}>
      Produce…
    </Button>
  );
}
