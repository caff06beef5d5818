import type { RunMetrics } from "../run/metrics-snapshot";

/** What the run looks like at the end of one simulated second. */
export interface Tick {
  atMs: number;
  metrics: RunMetrics;
  /** Events lost with partitions a redeploy removed, by consumer and by topic node id. */
  shrinkLoss: ReadonlyMap<string, number>;
}

/** One group in one window of simulated time. */
export interface GroupWindow {
  /** Deliveries finished (acked, dead-lettered, dropped) in the window. */
  finished: number;
  /** Publish→ack quantiles of the acks in the window (NaN: no ack). */
  p50: number;
  p95: number;
  p99: number;
}

export interface WindowStats {
  startMs: number;
  endMs: number;
  groups: ReadonlyMap<string, GroupWindow>;
}

/** The ids of the consumer groups in the run. */
export function groupIds(tick: Tick): string[] {
  return Object.values(tick.metrics.nodes)
    .filter((n) => n.kind === "consumer")
    .map((n) => n.nodeId);
}

/** A group's total lag now (0 if the group is not in the run). */
export function lagOf(tick: Tick, nodeId: string): number {
  return tick.metrics.nodes[nodeId]?.lag?.total ?? 0;
}

/** Events lost to a group (or, for a topic, to any of its groups): trimmed unread, or removed with a partition. */
export function lostOf(tick: Tick, nodeId: string): number {
  return (tick.metrics.nodes[nodeId]?.lostToRetention ?? 0) + (tick.shrinkLoss.get(nodeId) ?? 0);
}

/** Events published by all producers so far (poison included). */
export function publishedTotal(tick: Tick): number {
  let total = 0;
  for (const node of Object.values(tick.metrics.nodes))
    if (node.kind === "producer") total += node.counts.published;
  return total;
}

/** Dead-lettered deliveries so far, of one group or of all. */
export function deadLettered(tick: Tick, nodeId: string | undefined): number {
  let total = 0;
  for (const node of Object.values(tick.metrics.nodes))
    if (node.kind === "consumer" && (nodeId === undefined || node.nodeId === nodeId))
      total += node.counts["dead-lettered"];
  return total;
}
