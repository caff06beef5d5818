"use client";

import { memo } from "react";
import { useStore as useFlowStore } from "@xyflow/react";
import { useShallow } from "zustand/react/shallow";
import type { NodeMetricsView } from "@/lib/realtime/protocol";
import type { NodeKind } from "@/lib/flow";
import type { NodeHistory } from "@/components/realtime/metrics-history";
import { formatCount, formatRate } from "@/components/inspector/format";
import { isLive, useCanvasLive } from "./live-layer";

/** One figure on a node: its words, its value, a tone when it needs attention, and what it counts. */
export type Figure = [label: string, value: string, tone: "" | "failed" | "retry", explain: string];

/** Seconds of history over which a climbing lag with failing attempts counts as "held up". */
const HELD_UP_WINDOW = 5;

/** Retries hold up the group's partitions: attempts fail and the lag has climbed over the last seconds. */
export function heldUpByRetries(history: NodeHistory | undefined): boolean {
  if (!history || history.t.length <= HELD_UP_WINDOW) return false;
  const last = history.t.length - 1;
  const failing = history.errorRate.slice(-HELD_UP_WINDOW).some((r) => r > 0);
  return failing && history.lag[last]! > history.lag[last - HELD_UP_WINDOW]!;
}

/**
 * What a node shows while the flow runs, each figure named for exactly what it counts (a
 * consumer's tries include retries; its acks leave out what it emits). `compact` keeps the
 * one or two figures that matter most, for a zoomed-out canvas.
 */
export function nodeFigures(
  kind: NodeKind,
  m: NodeMetricsView | undefined,
  history?: NodeHistory,
  compact = false,
): Figure[] | null {
  if (!m) return null;
  const rate = (n: number) => `${formatRate(n)}/s`;
  if (kind === "producer") {
    const paused: Figure[] = m.paused ? [["", "paused", "retry", "Paused by hand: it emits nothing"]] : [];
    return [["out", rate(m.rateOut.s1), "", "Events this producer published per second"], ...paused];
  }
  if (kind === "topic") {
    const appended: Figure = [
      "in",
      rate(m.rateIn.s1),
      "",
      "Events appended to this topic per second, from producers and consumers",
    ];
    if (compact) return [appended];
    return [
      appended,
      ["events", formatCount(m.counts.published), "", "Events appended since the flow was deployed"],
    ];
  }
  const acked = history?.ackedRate[history.ackedRate.length - 1] ?? 0;
  const heldUp = heldUpByRetries(history);
  const lag: Figure = [
    "lag",
    formatCount(m.lag ?? 0),
    heldUp ? "retry" : "",
    "Events on its topics that this group has not finished yet",
  ];
  const figures: Figure[] = [
    ["acked", rate(acked), "", "Events this group finished successfully per second"],
  ];
  // Compact (zoomed out): the lag only when it needs attention, so the card stays short.
  if (!compact || heldUp) figures.push(lag);
  // Held up by retries: the note takes the line of tries and in flight (the dashboard still has
  // them), so the card keeps its height and never grows over the card below it.
  if (!compact && !heldUp)
    figures.push(
      ["tries", rate(m.rateIn.s1), "", "Delivery attempts per second: first tries and retries together"],
      ["in flight", formatCount(m.inFlight), "", "Deliveries being processed right now"],
    );
  if (!compact)
    figures.push([
      "errors",
      formatCount(m.counts.failed),
      m.counts.failed > 0 ? "failed" : "",
      "Failed attempts since deploy; each is retried, then dead-lettered or dropped",
    ]);
  if (heldUp)
    figures.push([
      "",
      "retries hold up its partitions",
      "retry",
      "Failing deliveries are retried in place, so the events behind them wait and the lag climbs",
    ]);
  if (m.online === false) figures.push(["", "offline", "retry", "Taken offline: it receives nothing"]);
  return figures;
}

const flat = (figures: Figure[] | null): string[] => (figures ? figures.map((f) => f.join("\u0000")) : []);

/** True while the flow runs and this node has figures: the card then shows them instead of its facts. */
export function useNodeShowsLive(nodeId: string): boolean {
  return useCanvasLive((s) => isLive(s) && s.metrics?.nodes[nodeId] !== undefined);
}

/** Smallest size, in screen pixels, at which live figures are drawn. */
const MIN_SCREEN_PX = 11;
const BASE_PX = 12;
/** Beyond this size in canvas units all figures would not fit the card: only the main ones stay, one a line. */
const FULL_MAX_PX = 20;
/** The largest size at all: one figure still fits the card's width. */
const MAX_PX = 34;

/**
 * The live counters on a node's card: nothing while the flow is not running. Reads only this
 * node's metrics (once a second) and re-renders only when a shown figure changes. Zoomed out,
 * the text grows so it never drops below 11 px on screen, and only the main figures stay.
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
  // Rounded down, so the text is never smaller than meant (and equal zooms share one render).
  const zoom = useFlowStore((s) => Math.floor(s.transform[2] * 40) / 40);
  const wanted = Math.max(BASE_PX, MIN_SCREEN_PX / zoom);
  const fontPx = bare ? BASE_PX : Math.min(MAX_PX, wanted);
  const compact = !bare && wanted > FULL_MAX_PX;
  const items = useCanvasLive(
    useShallow((s) =>
      flat(isLive(s) ? nodeFigures(kind, s.metrics?.nodes[nodeId], s.history[nodeId], compact) : null),
    ),
  );
  if (items.length === 0) return null;
  return (
    <ul
      aria-label="Live figures"
      style={bare ? undefined : { fontSize: `${fontPx}px`, lineHeight: 1.25 }}
      className={`tabular ${bare ? "grid grid-cols-2 gap-x-2 gap-y-0.5 text-xs" : compact ? "flex flex-col" : "flex flex-wrap gap-x-2"}`}
    >
      {items.map((item) => {
        const [label, value, tone, explain] = item.split("\u0000") as Figure;
        return (
          <li
            key={label || value}
            title={explain}
            // A figure keeps its whole value (zoomed out, the size is chosen so one fits a line); a
            // note takes a line of its own and is cut to the card's width, never spilling over its neighbours.
            className={`${label ? (compact ? "whitespace-nowrap" : "") : "max-w-full basis-full truncate"} ${
              tone === "failed"
                ? "text-failed"
                : tone === "retry"
                  ? "font-medium text-retry"
                  : "text-ink-muted"
            }`}
          >
            {label && <>{label} </>}
            <span className={tone ? "" : "font-medium text-ink"}>{value}</span>
          </li>
        );
      })}
    </ul>
  );
});
