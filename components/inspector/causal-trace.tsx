"use client";

import { useMemo } from "react";
import type { DeliveryRow, EventTrace } from "@/lib/realtime/protocol";
import { formatLatency } from "./format";
import { OutcomeBadge } from "./outcome-badge";
import { buildTraceTree, type TraceNode } from "./trace-tree";

interface Props {
  trace: EventTrace;
  selectedEventId: string;
  onOpen: (row: DeliveryRow) => void;
}

/** The conversation as a tree by causation: each event with its steps, timed from the first. */
export function CausalTrace({ trace, selectedEventId, onOpen }: Props) {
  const { roots, startMs } = useMemo(() => buildTraceTree(trace), [trace]);
  if (roots.length === 0)
    return (
      <p className="text-sm text-ink-muted">No steps of this conversation are still held by the server.</p>
    );
  return (
    <ol aria-label="Causal trace" className="space-y-1 text-sm">
      {roots.map((node) => (
        <TraceEvent
          key={node.eventId}
          node={node}
          startMs={startMs}
          selectedEventId={selectedEventId}
          onOpen={onOpen}
        />
      ))}
    </ol>
  );
}

function TraceEvent({
  node,
  startMs,
  selectedEventId,
  onOpen,
}: { node: TraceNode; startMs: number } & Omit<Props, "trace">) {
  const current = node.eventId === selectedEventId;
  return (
    <li aria-current={current ? "true" : undefined}>
      <div className={`flex items-baseline gap-2 rounded px-1 ${current ? "bg-accent/10" : ""}`}>
        <span className="font-medium">{node.eventType}</span>
        <span className="truncate font-mono text-xs text-ink-muted">{node.eventId}</span>
      </div>
      <ol className="ml-2 border-l border-line pl-3">
        {node.steps.map((step) => (
          <li key={step.seq}>
            <button
              type="button"
              onClick={() => onOpen(step)}
              className="flex w-full items-center gap-2 rounded px-1 py-0.5 text-left hover:bg-surface-sunken"
            >
              <span className="tabular w-16 shrink-0 text-right text-xs text-ink-muted">
                +{formatLatency(step.atMs - startMs) || "0 ms"}
              </span>
              <OutcomeBadge outcome={step.outcome} />
              <span className="truncate text-xs">
                {[
                  step.topic && `${step.topic}${step.partition !== undefined ? ` p${step.partition}` : ""}`,
                  step.group,
                  step.attempt && `attempt ${step.attempt}`,
                  step.http &&
                    `HTTP ${step.http.status ?? "no answer"} in ${formatLatency(step.http.durationMs) || "0 ms"}`,
                  step.reason,
                ]
                  .filter(Boolean)
                  .join(" · ")}
              </span>
            </button>
          </li>
        ))}
        {node.children.length > 0 && (
          <li>
            <ol className="mt-1 space-y-1">
              {node.children.map((child) => (
                <TraceEvent
                  key={child.eventId}
                  node={child}
                  startMs={startMs}
                  selectedEventId={selectedEventId}
                  onOpen={onOpen}
                />
              ))}
            </ol>
          </li>
        )}
      </ol>
    </li>
  );
}
