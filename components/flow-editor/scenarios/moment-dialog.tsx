"use client";

import { useState } from "react";
import { formatSimTime, nodeName } from "@/lib/scenarios";
import type { DeliveryRow } from "@/lib/events/delivery";
import { CausalTrace } from "@/components/inspector/causal-trace";
import { OutcomeBadge } from "@/components/inspector/outcome-badge";
import { formatLatency } from "@/components/inspector/format";
import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";

const simTime = (ms: number) => `${formatSimTime(ms)}.${String(Math.floor(ms % 1000)).padStart(3, "0")}`;

/** The deliveries of the window; the node column only when they are not all of one node. */
function Deliveries({
  records,
  selected,
  showNode,
}: {
  records: readonly DeliveryRow[];
  selected: number | null;
  showNode: boolean;
}) {
  const nodes = useEditor((s) => s.graph.nodes);
  const name = (id: string) => {
    const node = nodes.find((n) => n.id === id);
    return node ? nodeName(node) : id;
  };
  if (records.length === 0) return <p className="text-sm text-ink-muted">No deliveries in this window.</p>;
  return (
    <div className="max-h-64 overflow-auto rounded-md border border-line">
      <table className="w-full text-xs tabular">
        <thead className="sticky top-0 bg-surface-sunken text-left text-ink-muted">
          <tr>
            <th className="px-2 py-1 font-medium">Time</th>
            <th className="px-2 py-1 font-medium">Outcome</th>
            <th className="px-2 py-1 font-medium">Event</th>
            <th className="px-2 py-1 font-medium">Latency</th>
            <th className="px-2 py-1 font-medium">Where</th>
            {showNode && <th className="px-2 py-1 font-medium">Node</th>}
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr
              key={r.seq}
              id={`moment-row-${r.seq}`}
              aria-selected={selected === r.seq}
              className="border-t border-line aria-selected:bg-accent/10"
            >
              <td className="px-2 py-0.5 whitespace-nowrap">{simTime(r.atMs)}</td>
              <td className="px-2 py-0.5">
                <OutcomeBadge outcome={r.outcome} />
              </td>
              <td className="px-2 py-0.5">{r.eventType}</td>
              <td className="px-2 py-0.5 whitespace-nowrap">{formatLatency(r.latencyMs)}</td>
              <td className="px-2 py-0.5 whitespace-nowrap">
                {[
                  r.topic && `${r.topic}${r.partition !== undefined ? ` p${r.partition}` : ""}`,
                  r.offset !== undefined && `@${r.offset}`,
                  r.attempt && `attempt ${r.attempt}`,
                  r.reason,
                ]
                  .filter(Boolean)
                  .join(" ")}
              </td>
              {showNode && <td className="px-2 py-0.5">{name(r.nodeId)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * "Open in the inspector at this moment": the run replayed on the server (same flow, same
 * seed) to just after the moment, showing the deliveries of the seconds around it and the
 * causal traces of the ones that went wrong first.
 */
export function MomentDialog() {
  const editor = useEditorApi();
  const moment = useEditor((s) => s.moment);
  const [trace, setTrace] = useState(0);
  const [selected, setSelected] = useState<number | null>(null);
  const close = () => (editor.getState().setMoment(null), setTrace(0), setSelected(null));
  const view = moment?.view;
  const chosen = view?.traces[Math.min(trace, view.traces.length - 1)];
  return (
    <Dialog
      open={moment !== null}
      wide
      onClose={close}
      title={`Inspector at ${formatSimTime(moment?.atMs ?? 0)}`}
    >
      {moment && !view && !moment.error && (
        <p role="status" className="text-sm text-ink-muted">
          Replaying the run to {formatSimTime(moment.atMs)}…
        </p>
      )}
      {moment?.error && (
        <p role="alert" className="text-sm text-failed">
          {moment.error}
        </p>
      )}
      {view && (
        <div className="flex flex-col gap-3">
          <section aria-label="Deliveries" className="flex flex-col gap-1">
            <h3 className="text-sm font-semibold">
              Deliveries from {simTime(view.fromMs)} to {simTime(view.toMs)}
              {moment?.nodeId ? ` at ${nodes(editor, moment.nodeId)}` : ""}
            </h3>
            <Deliveries records={view.records} selected={selected} showNode={!moment?.nodeId} />
          </section>
          <section aria-label="Causal traces" className="flex flex-col gap-1">
            <h3 className="text-sm font-semibold">Causal traces</h3>
            {view.traces.length === 0 ? (
              <p className="text-sm text-ink-muted">No traces: nothing was delivered in this window.</p>
            ) : (
              <>
                <div role="group" aria-label="Traced events" className="flex flex-wrap gap-1">
                  {view.traces.map((t, i) => (
                    <button
                      key={t.eventId}
                      type="button"
                      aria-pressed={chosen?.eventId === t.eventId}
                      onClick={() => setTrace(i)}
                      className="rounded-md border border-line px-2 py-0.5 text-xs aria-pressed:border-accent aria-pressed:bg-accent/10"
                    >
                      Trace {i + 1}: {t.events.find((e) => e.id === t.eventId)?.type ?? "event"}
                    </button>
                  ))}
                </div>
                {chosen && (
                  <CausalTrace
                    trace={chosen}
                    selectedEventId={chosen.eventId}
                    onOpen={(row) => {
                      setSelected(row.seq);
                      document.getElementById(`moment-row-${row.seq}`)?.scrollIntoView({ block: "nearest" });
                    }}
                  />
                )}
              </>
            )}
          </section>
        </div>
      )}
    </Dialog>
  );
}

function nodes(editor: ReturnType<typeof useEditorApi>, id: string) {
  const node = editor.getState().graph.nodes.find((n) => n.id === id);
  return node ? `'${nodeName(node)}'` : id;
}
