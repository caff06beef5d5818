import type { ConsumerConfig, FlowEdge, FlowGraph, FlowNode, ProducerConfig, TopicConfig } from "@/lib/flow";
import { VirtualTime } from "../clock/virtual-time";
import { createFlowRun, type FlowRun } from "../run/flow-run";
import type { RunOptions } from "../options";
import type { RecordSink, TransformEvaluator, WebhookPort } from "../ports";

/** Test and bench helpers: terse builders for flow graphs and a run under a virtual clock. */
export function producer(id: string, config: Partial<ProducerConfig> = {}): FlowNode {
  return {
    id,
    kind: "producer",
    position: { x: 0, y: 0 },
    config: {
      eventType: "order.placed",
      source: "/shop",
      mode: "manual",
      ratePerSec: 10,
      jitterPct: 0,
      intervalMs: 1000,
      burstCount: 5,
      payloadTemplate: '{"n": {{seq}}}',
      ...config,
    },
  };
}

export function topic(id: string, config: Partial<TopicConfig> = {}): FlowNode {
  return {
    id,
    kind: "topic",
    position: { x: 0, y: 0 },
    config: { name: id, partitions: 1, retention: { maxEventsPerPartition: 1000, maxAgeMs: 0 }, ...config },
  };
}

export function consumer(id: string, config: Partial<ConsumerConfig> = {}): FlowNode {
  return {
    id,
    kind: "consumer",
    position: { x: 0, y: 0 },
    config: {
      group: id,
      concurrency: 1,
      processingMs: { min: 0, max: 0 },
      failureRatePct: 0,
      retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 100, maxDelayMs: 100 },
      online: true,
      action: "process",
      ...config,
    },
  };
}

let edgeCount = 0;
export function edge(
  kind: FlowEdge["kind"],
  source: string,
  target: string,
  extra: Record<string, unknown> = {},
): FlowEdge {
  return {
    id: `e${++edgeCount}-${source}-${target}`.slice(0, 64),
    kind,
    source,
    target,
    ...extra,
  } as FlowEdge;
}

export function graph(nodes: FlowNode[], edges: FlowEdge[]): FlowGraph {
  return { schemaVersion: 2, nodes, edges };
}

/** A started run under a fresh virtual clock; throws if the graph is refused. */
export function startVirtualRun(
  g: unknown,
  options: RunOptions & {
    seed?: number;
    sink?: RecordSink;
    start?: boolean;
    transforms?: TransformEvaluator;
    webhooks?: WebhookPort;
  } = {},
): { run: FlowRun; time: VirtualTime } {
  const time = new VirtualTime(0);
  const created = createFlowRun({
    flowId: "t",
    graph: g,
    version: 1,
    seed: options.seed ?? 1,
    ports: {
      clock: time,
      scheduler: time,
      sink: options.sink,
      transforms: options.transforms,
      webhooks: options.webhooks,
    },
    options,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  if (options.start !== false) created.value.start();
  return { run: created.value, time };
}

/** Counts of records by outcome for one node. */
export function countsOf(run: FlowRun, nodeId: string): Record<string, number> {
  const counts = run.metrics().nodes[nodeId].counts as Record<string, number>;
  return Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
}
