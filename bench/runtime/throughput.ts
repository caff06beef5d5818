import { RealTime } from "../../server/runtime/clock/real-time";
import { createFlowRun } from "../../server/runtime/run/flow-run";
import { consumer, edge, graph, producer, topic } from "../../server/runtime/testing/flows";

/** producer → topic (3 partitions) → 3 consumer groups, `process`, zero processing time. */
export function benchGraph(retention = 100_000) {
  return graph(
    [
      producer("p", { mode: "manual", payloadTemplate: '{"orderId":"ord_1","quantity":2}' }),
      topic("t", { partitions: 3, retention: { maxEventsPerPartition: retention, maxAgeMs: 0 } }),
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

export interface ThroughputResult {
  deliveries: number;
  seconds: number;
  deliveriesPerSec: number;
  ackP50Ms: number;
  ackP99Ms: number;
}

/**
 * Pushes `events` events through the bench flow under the real-time clock (so latency is
 * wall time), firing in chunks. Each event makes 3 deliveries. A fire emits its first slice at
 * once and the rest in slices that yield the event loop, so the bench yields too until each
 * chunk is out (what a live server does between socket messages).
 */
export async function runThroughput(
  events: number,
  recordsEnabled: boolean,
  retention = 100_000,
): Promise<ThroughputResult> {
  const time = new RealTime();
  const created = createFlowRun({
    flowId: "bench",
    graph: benchGraph(retention),
    version: 1,
    seed: 42,
    ports: { clock: time, scheduler: time },
    options: { recordsEnabled },
  });
  if (!created.ok) throw new Error(created.error.message);
  const run = created.value;
  run.start();
  const chunk = 10_000;
  const started = performance.now();
  for (let done = 0; done < events; done += chunk) {
    const fired = run.fire("p", Math.min(chunk, events - done));
    if (!fired.ok) throw new Error(fired.error.message);
    if (fired.value.queued) {
      const target = done + Math.min(chunk, events - done);
      while (run.metrics({ latency: false }).nodes["p"].counts.published < target)
        await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const metrics = run.metrics();
  let deliveries = 0;
  for (const id of ["g1", "g2", "g3"]) deliveries += metrics.nodes[id].counts.acked;
  // The slowest group's quantiles stand for the flow's publish→ack latency.
  const p50 = Math.max(...["g1", "g2", "g3"].map((id) => metrics.nodes[id].latency!.p50));
  const p99 = Math.max(...["g1", "g2", "g3"].map((id) => metrics.nodes[id].latency!.p99));
  time.clear();
  return { deliveries, seconds, deliveriesPerSec: deliveries / seconds, ackP50Ms: p50, ackP99Ms: p99 };
}
