/** A one-partition pipeline and a scenario around it, shared by the scenario runner tests. */
import type { FlowGraph } from "@/lib/flow";
import type { Expectation, Scenario, ScenarioStep } from "@/lib/scenarios";
import { consumer, edge, graph, producer, topic } from "../testing/flows";
import { runScenario } from "./run-scenario";

/** producer p (10/s, no jitter) → topic t (1 partition) → consumer c (inline, no failures), optional DLQ. */
export function pipeline(
  opts: {
    retention?: number;
    processingMs?: number;
    partitions?: number;
    workers?: number;
    dlq?: boolean;
  } = {},
): FlowGraph {
  const nodes = [
    producer("p", { mode: "rate", ratePerSec: 10 }),
    topic("t", {
      partitions: opts.partitions ?? 1,
      retention: { maxEventsPerPartition: opts.retention ?? 100_000, maxAgeMs: 0 },
    }),
    consumer("c", {
      concurrency: opts.workers ?? 1,
      processingMs: { min: opts.processingMs ?? 0, max: opts.processingMs ?? 0 },
      retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0, maxDelayMs: 0 },
    }),
  ];
  const edges = [edge("publishes", "p", "t"), edge("subscribes", "t", "c")];
  if (opts.dlq) {
    nodes.push(topic("dlq"));
    edges.push(edge("dead-letters", "c", "dlq"));
  }
  return graph(nodes, edges);
}

export function withScenario(
  g: FlowGraph,
  durationMs: number,
  steps: ScenarioStep[],
  expectations: Expectation[],
): FlowGraph {
  const scenario: Scenario = { id: "s", name: "S", durationMs, steps, expectations };
  return { ...g, scenarios: [scenario] };
}

export async function run(g: FlowGraph, options: Parameters<typeof runScenario>[2] = {}) {
  const result = await runScenario(g, "s", options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}
