"use client";

import { useId, useState } from "react";
import type { FlowNode } from "@/lib/flow";
import { useRunControls, type ReplayFrom } from "@/components/realtime";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "../form/field-row";
import { useEditor } from "../store/editor-context";
import { isLive, useCanvasLive, useHasLiveRun } from "./live-layer";
import { NodeLiveFigures } from "./node-figures";
import { ReplayOffsetForm } from "./replay-offset-form";

const SMALL = "px-2 py-1 text-xs";

/** datetime-local value for a time a minute ago, in local time. */
function aMinuteAgo(): string {
  const d = new Date(Date.now() - 60_000);
  d.setSeconds(0, 0);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function Controls({ node }: { node: FlowNode }) {
  const controls = useRunControls();
  const paused = useCanvasLive((s) => s.metrics?.nodes[node.id]?.paused === true);
  const offline = useCanvasLive((s) => s.metrics?.nodes[node.id]?.online === false);
  const [busy, setBusy] = useState(false);
  const [count, setCount] = useState(10);
  const [since, setSince] = useState(aMinuteAgo);
  const [done, setDone] = useState<string | null>(null);
  const ids = useId();
  const run = (what: string, action: () => Promise<{ ok: boolean }>) => async () => {
    setBusy(true);
    setDone(null);
    const answer = await action();
    setBusy(false);
    if (answer.ok) setDone(what);
  };
  const replay = (from: ReplayFrom, what: string) => run(what, () => controls.replay(node.id, from));
  if (node.kind === "producer") {
    return (
      <>
        <div className="flex flex-wrap gap-1.5">
          <Button
            className={SMALL}
            disabled={busy}
            onClick={run("Fired one event", () => controls.fire(node.id, 1))}
          >
            Fire once
          </Button>
          {paused ? (
            <Button
              className={SMALL}
              disabled={busy}
              onClick={run("Resumed", () => controls.resume(node.id))}
            >
              Resume
            </Button>
          ) : (
            <Button className={SMALL} disabled={busy} onClick={run("Paused", () => controls.pause(node.id))}>
              Pause
            </Button>
          )}
        </div>
        <div className="flex items-center gap-1.5">
          <label htmlFor={`${ids}-count`} className="text-xs text-ink-muted">
            Events
          </label>
          <input
            id={`${ids}-count`}
            type="number"
            min={1}
            max={10_000}
            value={count}
            onChange={(e) => setCount(Math.min(10_000, Math.max(1, Math.round(Number(e.target.value) || 1))))}
            className={`${INPUT_CLASS} tabular w-20`}
          />
          <Button
            className={SMALL}
            disabled={busy}
            onClick={run(`Fired ${count} events`, () => controls.fire(node.id, count))}
          >
            Fire {count}
          </Button>
        </div>
        {done && (
          <p role="status" className="text-xs text-ink-muted">
            {done}.
          </p>
        )}
      </>
    );
  }
  return (
    <>
      <div className="flex flex-wrap gap-1.5">
        {offline ? (
          <Button
            className={SMALL}
            disabled={busy}
            onClick={run("Back online", () => controls.setOnline(node.id, true))}
          >
            Bring online
          </Button>
        ) : (
          <Button
            className={SMALL}
            disabled={busy}
            onClick={run("Taken offline", () => controls.setOnline(node.id, false))}
          >
            Take offline
          </Button>
        )}
        <Button
          className={SMALL}
          disabled={busy}
          onClick={replay("earliest", "Replaying from the earliest offset")}
        >
          Replay from earliest
        </Button>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${ids}-since`} className="text-xs text-ink-muted">
          Replay from a time
        </label>
        <div className="flex items-center gap-1.5">
          <input
            id={`${ids}-since`}
            type="datetime-local"
            value={since}
            onChange={(e) => setSince(e.target.value)}
            className={`${INPUT_CLASS} tabular min-w-0 flex-1`}
          />
          <Button
            className={SMALL}
            disabled={busy || !since}
            onClick={replay(
              { timestampMs: Math.max(0, new Date(since).getTime() || 0) },
              "Replaying from that time",
            )}
            aria-label="Replay from this time"
          >
            Replay
          </Button>
        </div>
      </div>
      {node.kind === "consumer" && (
        <ReplayOffsetForm
          node={node}
          busy={busy}
          replay={(where, offset) =>
            void replay(
              { offsets: [{ topic: where.topic, partition: where.partition, offset }] },
              `Replaying ${where.topic} / p${where.partition} from offset ${offset}`,
            )()
          }
        />
      )}
      {done && (
        <p role="status" className="text-xs text-ink-muted">
          {done}.
        </p>
      )}
    </>
  );
}

/**
 * The selected node's live figures and manual controls while its flow runs: fire / pause /
 * resume a producer; take a consumer offline, bring it online, replay its group. Nothing for
 * topics' controls, nothing at all when the flow is not running, no controls for viewers.
 */
export function NodeRunControls({ node }: { node: FlowNode }) {
  const live = useCanvasLive(isLive);
  const canControl = useEditor((s) => !s.readOnly && s.shareMode === "edit");
  const has = useHasLiveRun();
  if (!has || !live) return null;
  return (
    <section
      aria-label="Live run"
      className="flex flex-col gap-2 rounded-md border border-line bg-surface-sunken/60 p-2.5"
    >
      <h3 className="text-xs font-semibold tracking-wide text-ink-muted uppercase">Live run</h3>
      <NodeLiveFigures nodeId={node.id} kind={node.kind} bare />
      {canControl && node.kind !== "topic" && <Controls node={node} />}
    </section>
  );
}
