import type { TopicBackend } from "../../lib/flow";
import type { BackendHarness } from "../../server/brokers/testing/backends";
import { startRun } from "../../server/brokers/testing/backends";
import { consumer, edge, graph, producer, topic } from "../../server/runtime/testing/flows";

/** bench:runtime's shape: producer → topic (3 partitions) → 3 consumer groups, `process`, no processing time. */
export function benchFlow(backend: TopicBackend) {
  return graph(
    [
      producer("p", { mode: "manual", payloadTemplate: '{"orderId":"ord_1","quantity":2}' }),
      topic("t", { backend, partitions: 3, retention: { maxEventsPerPartition: 1_000_000, maxAgeMs: 0 } }),
      consumer("g1"),
      consumer("g2"),
      consumer("g3"),
    ],
    [
      edge("publishes", "p", "t"),
      edge("subscribes", "t", "g1"),
      edge("subscribes", "t", "g2"),
      edge("subscribes", "t", "g3"),
    ],
  );
}

/** Runs `events` events through the flow on `harness`'s broker; deliveries/s until every group acked all. */
export async function flowDeliveriesPerSec(harness: BackendHarness, events: number): Promise<number> {
  const { run, time } = startRun(harness, benchFlow(harness.backend), {
    flowKey: `bench${Date.now().toString(36)}`,
    recordsEnabled: true,
  });
  // Let the groups come up on the broker before the clock starts.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const acked = () =>
    ["g1", "g2", "g3"].reduce((sum, g) => sum + run.metrics({ latency: false }).nodes[g].counts.acked, 0);
  // Warm up (faker, JIT, connections) on 100 events before the clock starts.
  const warm = 100;
  run.fire("p", warm);
  while (acked() < warm * 3) await new Promise((resolve) => setTimeout(resolve, 5));
  const started = performance.now();
  const chunk = 1000;
  for (let done = 0; done < events; done += chunk) {
    run.fire("p", Math.min(chunk, events - done));
    // Yield so remote publishing and fetching proceed while we fire (the embedded broker does not need it).
    await new Promise((resolve) => setImmediate(resolve));
  }
  while (acked() < (warm + events) * 3) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  await run.stop({ graceMs: 0 });
  time.clear();
  return (events * 3) / seconds;
}
