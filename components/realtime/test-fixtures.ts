import {
  zeroCounts,
  type DeliveryBatch,
  type DeliveryRow,
  type MetricsSnapshot,
  type NodeMetricsView,
  type OutcomeName,
  type RunStatus,
} from "@/lib/realtime/protocol";

/** Builders for the live store's unit tests: protocol messages as the gateway sends them. */
export function deliveryRow(
  seq: number,
  outcome: OutcomeName = "acked",
  extra: Partial<DeliveryRow> = {},
): DeliveryRow {
  return {
    seq,
    outcome,
    eventId: `evt-${seq}`,
    correlationId: `cor-${seq}`,
    eventType: "order.placed",
    nodeId: "email",
    edgeId: "e-orders-email",
    topicNodeId: "orders",
    topic: "orders",
    partition: seq % 3,
    offset: seq,
    group: "email-senders",
    attempt: 1,
    atMs: 1_000 + seq,
    latencyMs: 12,
    ...extra,
  };
}

/** A batch of `rows` that also summarises `notSent` records it did not send. */
export function deliveryBatch(
  rows: DeliveryRow[],
  notSent: Partial<Record<OutcomeName, number>> = {},
  missed = 0,
): DeliveryBatch {
  const total = zeroCounts();
  const left = { ...zeroCounts(), ...notSent };
  for (const row of rows) total[row.outcome]++;
  for (const [name, n] of Object.entries(left)) total[name as OutcomeName] += n;
  const edges: DeliveryBatch["edges"] = {};
  for (const row of rows) {
    if (!row.edgeId) continue;
    const edge = (edges[row.edgeId] ??= { count: 0, failed: 0 });
    edge.count++;
    if (row.outcome === "failed") edge.failed++;
  }
  return { flowId: "flow-1", total, notSent: left, rows, edges, missed };
}

export function runStatus(state: RunStatus["state"] = "running"): RunStatus {
  return { flowId: "flow-1", state, version: 3, startedAt: "2025-01-01T00:00:00.000Z" };
}

export function consumerMetrics(nodeId: string, over: Partial<NodeMetricsView> = {}): NodeMetricsView {
  return {
    nodeId,
    kind: "consumer",
    counts: zeroCounts(),
    rateIn: { s1: 100, s10: 90, s60: 80 },
    rateOut: { s1: 95, s10: 90, s60: 80 },
    inFlight: 4,
    lag: 10,
    latencyMs: { p50: 5, p95: 20, p99: 40 },
    online: true,
    ...over,
  };
}

export function metricsAt(atMs: number, nodes: NodeMetricsView[]): MetricsSnapshot {
  return { flowId: "flow-1", atMs, nodes: Object.fromEntries(nodes.map((n) => [n.nodeId, n])) };
}

export function rows(from: number, count: number, outcome: OutcomeName = "acked"): DeliveryRow[] {
  return Array.from({ length: count }, (_, i) => deliveryRow(from + i, outcome));
}
