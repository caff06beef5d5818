import { simulate } from "../../server/runtime/simulate";
import { consumer, edge, graph, producer, topic } from "../../server/runtime/testing/flows";

/** One simulated hour of a 1,000 events/s flow with 4 consumer groups; returns wall seconds. */
export async function runSimulationFigure(): Promise<{
  wallSeconds: number;
  simulatedSeconds: number;
  events: number;
  deliveries: number;
}> {
  const groups = ["billing", "shipping", "audit", "search"];
  const g = graph(
    [
      producer("orders-in", {
        mode: "rate",
        ratePerSec: 1000,
        jitterPct: 20,
        payloadTemplate: '{"orderId":"ord_1","qty":2}',
      }),
      topic("orders", { partitions: 6, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
      ...groups.map((id) =>
        consumer(id, { concurrency: 3, processingMs: { min: 0, max: 2 }, failureRatePct: 1 }),
      ),
    ],
    [edge("publishes", "orders-in", "orders"), ...groups.map((id) => edge("subscribes", "orders", id))],
  );
  const started = performance.now();
  const result = await simulate(g, { durationMs: 3_600_000, seed: 1 });
  const wallSeconds = (performance.now() - started) / 1000;
  if (!result.ok) throw new Error(result.error.message);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const events = sum(result.value.nodes["orders-in"].throughput);
  const deliveries = groups.reduce((n, id) => n + sum(result.value.nodes[id].outcomes.delivered), 0);
  return { wallSeconds, simulatedSeconds: result.value.seconds, events, deliveries };
}
