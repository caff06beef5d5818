"use client";

import { memo } from "react";
import { useShallow } from "zustand/react/shallow";
import type { NodeMetricsView } from "@/lib/realtime/protocol";
import type { NodeKind } from "@/lib/flow";
import { formatCount, formatRate } from "@/components/inspector/format";
import { isLive, useCanvasLive } from "./live-layer";

/** One figure on a node: its words, and a tone when it needs attention. */
type Figure = [label: string, value: string, tone: "" | "failed" | "retry"];

/** What a node shows while the flow runs, as text (so equal figures never re-render it). */
export function nodeFigures(kind: NodeKind, m: NodeMetricsView | undefined): Figure[] | null {
  if (!m) return null;
  const rate = (n: number) => `${formatRate(n)}/s`;
  if (kind === "producer") {
    return [["out", rate(m.rateOut.s1), ""], ...(m.paused ? [["", "paused", "retry"] as Figure] : [])];
  }
  if (kind === "topic") {
    return [
      ["in", rate(m.rateIn.s1), ""],
      ["events", formatCount(m.counts.published), ""],
    ];
  }
  return [
    ["in", rate(m.rateIn.s1), ""],
    ["out", rate(m.rateOut.s1), ""],
    ["lag", formatCount(m.lag ?? 0), ""],
    ["in flight", formatCount(m.inFlight), ""],
    ["errors", formatCount(m.counts.failed), m.counts.failed > 0 ? "failed" : ""],
    ...(m.online === false ? [["", "offline", "retry"] as Figure] : []),
  ];
}

const flat = (figures: Figure[] | null): string[] => (figures ? figures.map((f) => f.join("\u0000")) : []);

/** True while the flow runs and this node has figures: the card then shows them instead of its facts. */
export function useNodeShowsLive(nodeId: string): boolean {
  return useCanvasLive((s) => isLive(s) && s.metrics?.nodes[nodeId] !== undefined);
}

/**
 * The live counters on a node's card: nothing while the flow is not running. Reads only
 * this node's metrics (once a second) and re-renders only when a shown figure changes.
 */
export const NodeLiveFigures = memo(function NodeLiveFigures({
  nodeId,
  kind,
  bare = false,
}: {
  nodeId: string;
  kind: NodeKind;
  bare?: boolean;
}) {
  const items = useCanvasLive(
    useShallow((s) => flat(isLive(s) ? nodeFigures(kind, s.metrics?.nodes[nodeId]) : null)),
  );
  if (items.length === 0) return null;
  return (
    <ul
      aria-label="Live figures"
      className={`tabular text-xs ${bare ? "grid grid-cols-2 gap-x-2 gap-y-0.5" : "flex flex-wrap gap-x-2"}`}
    >
      {items.map((item) => {
        const [label, value, tone] = item.split("\u0000") as Figure;
        return (
          <li
            key={label || value}
            className={
              tone === "failed"
                ? "text-failed"
                : tone === "retry"
                  ? "font-medium text-retry"
                  : "text-ink-muted"
            }
          >
            {label && <>{label} </>}
            <span className={tone ? "" : "font-medium text-ink"}>{value}</span>
          </li>
        );
      })}
    </ul>
  );
});
