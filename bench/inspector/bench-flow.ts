import type { FlowGraph } from "../../lib/flow";
import { consumer, edge, graph, producer, topic } from "../../server/runtime/testing/flows";

/** Events per second the producers publish together; two consumer groups make it twice as many deliveries. */
export const EVENTS_PER_SEC = 5_000;
export const CONSUMER_IDS = ["billing", "shipping"];
/** One real-time rate producer tops out near 3,000 events/s (one timer per event), so four share the load. */
const PRODUCER_IDS = ["web", "mobile", "partner", "store"];

/** 4 producers (5,000 events/s in all) → topic (16 partitions; one delivery in flight per partition) → 2 consumer groups: 10,000 deliveries/s. */
export function inspectorBenchFlow(): FlowGraph {
  const perProducer = EVENTS_PER_SEC / PRODUCER_IDS.length;
  return graph(
    [
      ...PRODUCER_IDS.map((id) =>
        producer(id, {
          mode: "rate",
          ratePerSec: perProducer,
          jitterPct: 0,
          source: `/shop/${id}`,
          payloadTemplate: '{"orderId":"ord_{{seq}}","quantity":2}',
        }),
      ),
      topic("orders", { partitions: 16, retention: { maxEventsPerPartition: 200_000, maxAgeMs: 0 } }),
      ...CONSUMER_IDS.map((id) => consumer(id, { concurrency: 16, processingMs: { min: 0, max: 0 } })),
    ],
    [
      ...PRODUCER_IDS.map((id) => edge("publishes", id, "orders")),
      ...CONSUMER_IDS.map((id) => edge("subscribes", "orders", id)),
    ],
  );
}

/** Deliveries acked so far by the bench flow's consumers, from the run endpoint. */
export async function ackedSoFar(base: string, flowId: string): Promise<number> {
  const view = (await (await fetch(`${base}/api/flows/${flowId}/run`)).json()) as {
    metrics: { nodes: Record<string, { counts: { acked: number } }> } | null;
  };
  return CONSUMER_IDS.reduce((n, id) => n + (view.metrics?.nodes[id]?.counts.acked ?? 0), 0);
}
