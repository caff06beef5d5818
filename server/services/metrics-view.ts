import type { MetricsSnapshot, NodeMetricsView } from "@/lib/realtime/protocol";
import type { RunMetrics } from "../runtime";

/** The runtime's metrics as browsers get them: the same numbers, a flatter shape. */
export function toMetricsView(flowId: string, metrics: RunMetrics): MetricsSnapshot {
  const nodes: Record<string, NodeMetricsView> = {};
  for (const [id, m] of Object.entries(metrics.nodes)) {
    const view: NodeMetricsView = {
      nodeId: id,
      kind: m.kind,
      counts: m.counts,
      rateIn: m.rates.in,
      rateOut: m.rates.out,
      inFlight: m.inFlight,
    };
    if (m.lag) {
      view.lag = m.lag.total;
      view.lagByPartition = m.lag.partitions.map((p) => ({
        topic: p.topic,
        partition: p.partition,
        lag: p.lag,
      }));
    }
    if (m.latency) view.latencyMs = { p50: m.latency.p50, p95: m.latency.p95, p99: m.latency.p99 };
    if (m.paused !== undefined) view.paused = m.paused;
    if (m.online !== undefined) view.online = m.online;
    nodes[id] = view;
  }
  return { flowId, atMs: metrics.atMs, nodes };
}
