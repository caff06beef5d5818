import type { MetricsSnapshot, NodeMetricsView } from "@/lib/realtime/protocol";

/** How far back the dashboard's sparklines reach. */
export const HISTORY_WINDOW_MS = 10 * 60_000;

/**
 * One node's metrics over time, column-wise as uPlot wants them (seconds since epoch on x).
 * Replaced, never mutated, so a chart can subscribe to it by reference.
 */
export interface NodeHistory {
  t: number[];
  /** Events per second: producers publish, topics append, consumers receive. */
  throughput: number[];
  lag: number[];
  /** Failed attempts per second, from the change of the exact counter between snapshots. */
  errorRate: number[];
  /** Deliveries acked per second (consumers), from the change of the exact counter. */
  ackedRate: number[];
  latencyP99: (number | null)[];
}

export function emptyHistory(): NodeHistory {
  return { t: [], throughput: [], lag: [], errorRate: [], ackedRate: [], latencyP99: [] };
}

/** The node's throughput: what it does per second by kind. */
export function throughputOf(node: NodeMetricsView): number {
  return node.kind === "producer" ? node.rateOut.s1 : node.rateIn.s1;
}

function firstInWindow(t: readonly number[], fromSec: number): number {
  let lo = 0,
    hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]! < fromSec) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Appends one snapshot to a node's history and forgets what is older than the window. */
export function appendHistory(
  history: NodeHistory,
  node: NodeMetricsView,
  previous: NodeMetricsView | undefined,
  prevAtMs: number | undefined,
  atMs: number,
): NodeHistory {
  const t = atMs / 1000;
  const last = history.t[history.t.length - 1];
  if (last !== undefined && t <= last) return history; // a repeated or out-of-order snapshot
  const dtSec = prevAtMs !== undefined ? (atMs - prevAtMs) / 1000 : 0;
  const failedDelta = previous ? node.counts.failed - previous.counts.failed : 0;
  const errorRate = dtSec > 0 && failedDelta > 0 ? failedDelta / dtSec : 0;
  const ackedDelta = previous ? node.counts.acked - previous.counts.acked : 0;
  const ackedRate = dtSec > 0 && ackedDelta > 0 ? ackedDelta / dtSec : 0;
  const from = firstInWindow(history.t, t - HISTORY_WINDOW_MS / 1000);
  return {
    t: [...history.t.slice(from), t],
    throughput: [...history.throughput.slice(from), throughputOf(node)],
    lag: [...history.lag.slice(from), node.lag ?? 0],
    errorRate: [...history.errorRate.slice(from), errorRate],
    ackedRate: [...history.ackedRate.slice(from), ackedRate],
    latencyP99: [...history.latencyP99.slice(from), node.latencyMs?.p99 ?? null],
  };
}

/** Adds a metrics snapshot to every node's history. */
export function appendSnapshot(
  histories: Readonly<Record<string, NodeHistory>>,
  snapshot: MetricsSnapshot,
  previous: MetricsSnapshot | null,
): Record<string, NodeHistory> {
  const next: Record<string, NodeHistory> = {};
  for (const [nodeId, node] of Object.entries(snapshot.nodes)) {
    next[nodeId] = appendHistory(
      histories[nodeId] ?? emptyHistory(),
      node,
      previous?.nodes[nodeId],
      previous?.atMs,
      snapshot.atMs,
    );
  }
  return next;
}
