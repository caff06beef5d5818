"use client";

import { useState } from "react";
import { useRunControls } from "@/components/realtime/use-run-controls";
import { Button } from "@/components/ui/button";
import type { DeliveryRow } from "@/lib/realtime/protocol";
import { replayFromRecord } from "@/lib/realtime/replay-offsets";

/**
 * "Replay from here" on a consumer group's delivery: the group's next delivery on that
 * partition becomes this event, then the ones after it (its other partitions stay).
 */
export function ReplayFromHere({ row }: { row: DeliveryRow }) {
  const controls = useRunControls();
  const [state, setState] = useState<"idle" | "busy" | "done">("idle");
  const request = replayFromRecord(row);
  if (!request) return null;
  const { topic, partition, offset } = request.from.offsets[0];
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Button
        variant="ghost"
        className="px-2 py-0.5 text-xs"
        disabled={state === "busy"}
        aria-label={`Replay ${row.group} from here`}
        title={`${row.group}'s next delivery on ${topic} / p${partition} becomes this event (offset ${offset})`}
        onClick={async () => {
          setState("busy");
          const answer = await controls.replay(request.nodeId, request.from);
          setState(answer.ok ? "done" : "idle");
        }}
      >
        Replay from here
      </Button>
      {state === "done" && (
        <p role="status" className="text-xs text-ink-muted">
          Replaying {row.group} on {topic} / p{partition} from offset {offset}.
        </p>
      )}
    </div>
  );
}
