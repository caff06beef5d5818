import { RealTime } from "../../server/runtime/clock/real-time";
import { inProcessTransforms } from "../../server/runtime/consumer/transform";
import type { TransformEvaluator } from "../../server/runtime/ports";
import { createFlowRun } from "../../server/runtime/run/flow-run";
import { consumer, edge, graph, producer, topic } from "../../server/runtime/testing/flows";
import { createTransformPool } from "../../server/transforms/transform-pool";

const PARTITIONS = 12;

/** producer → topic (12 partitions) → transform consumer (12 workers) → topic. */
function transformGraph() {
  return graph(
    [
      producer("p", { payloadTemplate: '{"orderId":"ord_{{seq}}","quantity":2,"price":9.5}' }),
      topic("orders", { partitions: PARTITIONS, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
      topic("totals", { partitions: PARTITIONS, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
      consumer("x", {
        action: "transform",
        concurrency: PARTITIONS,
        transformExpression: '{ "orderId": data.orderId, "total": data.quantity * data.price }',
      }),
    ],
    [edge("publishes", "p", "orders"), edge("subscribes", "orders", "x"), edge("emits", "x", "totals")],
  );
}

export interface TransformThroughput {
  transforms: number;
  seconds: number;
  transformsPerSec: number;
}

/**
 * Publishes `events` events at once and waits (real time) until the transform consumer has
 * acked them all: evaluated in-process (what a run did before) or in the server's process pool.
 */
export async function runTransformThroughput(
  events: number,
  where: "in-process" | "pool",
): Promise<TransformThroughput> {
  const pool = where === "pool" ? createTransformPool() : undefined;
  const transforms: TransformEvaluator = pool ?? inProcessTransforms();
  if (pool)
    await pool.evaluate({
      expression: "1",
      event: {} as never,
      maxBytes: 1e6,
      timeoutMs: 5000,
      maxDepth: 10,
    });
  const time = new RealTime();
  const created = createFlowRun({
    flowId: "bench",
    graph: transformGraph(),
    version: 1,
    seed: 42,
    ports: { clock: time, scheduler: time, transforms },
    options: { recordsEnabled: false, transformTimeoutMs: 1000 },
  });
  if (!created.ok) throw new Error(created.error.message);
  const run = created.value;
  run.start();
  const started = performance.now();
  run.fire("p", events);
  const acked = () => run.metrics({ latency: false }).nodes["x"].counts.acked;
  while (acked() < events) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  time.clear();
  await pool?.close();
  return { transforms: events, seconds, transformsPerSec: events / seconds };
}
