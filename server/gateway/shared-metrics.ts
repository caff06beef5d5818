import type { MetricsSnapshot, NodeMetricsView, RateWindows } from "@/lib/realtime/protocol";
import { OUTCOME_NAMES } from "@/lib/realtime/protocol";

/**
 * What a server reading a share of a spread run's partitions tells the run's owner every
 * metrics interval (through the Socket.IO adapter): its own numbers of each node.
 */
export interface ShareMetrics {
  server: string;
  flowId: string;
  nodes: Record<string, NodeMetricsView>;
}

/** A server's numbers hold this long: past it (it died, or left the split), they are forgotten. */
export const SHARE_HOLDS_MS = 3500;
/** At most this many nodes are taken from one server's word. */
const MAX_NODES = 2000;

const addRates = (a: RateWindows, b: RateWindows): RateWindows => ({
  s1: a.s1 + b.s1,
  s10: a.s10 + b.s10,
  s60: a.s60 + b.s60,
});

/**
 * One node's numbers over two servers: counts, rates, in flight and lag add up (each server
 * counts only what it handled); latency is the slower server's (quantiles cannot be added);
 * paused and online are the owner's (`a`).
 */
export function mergeNodeView(a: NodeMetricsView, b: NodeMetricsView): NodeMetricsView {
  const counts = { ...a.counts };
  for (const name of OUTCOME_NAMES) counts[name] += b.counts[name] ?? 0;
  const merged: NodeMetricsView = {
    ...a,
    counts,
    rateIn: addRates(a.rateIn, b.rateIn),
    rateOut: addRates(a.rateOut, b.rateOut),
    inFlight: a.inFlight + b.inFlight,
  };
  if (a.lag !== undefined || b.lag !== undefined) merged.lag = (a.lag ?? 0) + (b.lag ?? 0);
  if (a.lagByPartition || b.lagByPartition) {
    const byPartition = new Map<string, { topic: string; partition: number; lag: number }>();
    for (const p of [...(a.lagByPartition ?? []), ...(b.lagByPartition ?? [])]) {
      const k = `${p.topic}\n${p.partition}`;
      const seen = byPartition.get(k);
      byPartition.set(k, seen ? { ...seen, lag: seen.lag + p.lag } : { ...p });
    }
    merged.lagByPartition = [...byPartition.values()];
  }
  if (a.latencyMs && b.latencyMs)
    merged.latencyMs = {
      p50: Math.max(a.latencyMs.p50, b.latencyMs.p50),
      p95: Math.max(a.latencyMs.p95, b.latencyMs.p95),
      p99: Math.max(a.latencyMs.p99, b.latencyMs.p99),
    };
  else if (b.latencyMs) merged.latencyMs = b.latencyMs;
  return merged;
}

/** The owner's side: the latest numbers of each other server taking part in each of its runs. */
export function sharedMetrics(now: () => number) {
  const byFlow = new Map<string, Map<string, { until: number; nodes: Record<string, NodeMetricsView> }>>();
  return {
    heard(word: ShareMetrics): void {
      if (typeof word?.server !== "string" || typeof word.flowId !== "string") return;
      if (!word.nodes || typeof word.nodes !== "object") return;
      const nodes = Object.fromEntries(Object.entries(word.nodes).slice(0, MAX_NODES));
      const servers = byFlow.get(word.flowId) ?? new Map();
      servers.set(word.server, { until: now() + SHARE_HOLDS_MS, nodes });
      byFlow.set(word.flowId, servers);
    },
    /** The owner's snapshot of `flowId` with every other server's current numbers added in. */
    merge(flowId: string, snapshot: MetricsSnapshot): MetricsSnapshot {
      const servers = byFlow.get(flowId);
      if (!servers) return snapshot;
      const t = now();
      const nodes = { ...snapshot.nodes };
      for (const [server, share] of servers) {
        if (share.until <= t) {
          servers.delete(server);
          continue;
        }
        for (const [id, view] of Object.entries(share.nodes))
          if (nodes[id]) nodes[id] = mergeNodeView(nodes[id], view);
      }
      if (servers.size === 0) byFlow.delete(flowId);
      return { ...snapshot, nodes };
    },
  };
}
export type SharedMetrics = ReturnType<typeof sharedMetrics>;
