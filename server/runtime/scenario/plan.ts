import type { FlowGraph, FlowNode } from "@/lib/flow";
import type { ScenarioStep } from "@/lib/scenarios";

/** A capacity to try for one consumer group: its workers and, optionally, its topics' partitions. */
export interface Capacity {
  groupId: string;
  workers: number;
  partitions?: number;
}

/** How a run departs from the flow as designed: traffic times `multiplier`, a capacity to try. */
export interface Variation {
  multiplier: number;
  capacity?: Capacity;
}

const MAX_RATE = 100_000;

/** The topics a consumer subscribes to. */
export function subscribedTopics(graph: FlowGraph, consumerId: string): string[] {
  return graph.edges.filter((e) => e.kind === "subscribes" && e.target === consumerId).map((e) => e.source);
}

function withRate(node: FlowNode, ratePerSec: number): FlowNode {
  if (node.kind !== "producer") return node;
  const rate = Math.min(MAX_RATE, ratePerSec);
  if (node.config.mode === "rate") return { ...node, config: { ...node.config, ratePerSec: rate } };
  if (node.config.mode === "interval")
    return { ...node, config: { ...node.config, intervalMs: Math.max(1, Math.round(1000 / rate)) } };
  return node;
}

/** A producer's designed rate in events per second (interval producers: 1000 / interval). */
export function designedRate(node: FlowNode): number {
  if (node.kind !== "producer") return 0;
  if (node.config.mode === "rate") return node.config.ratePerSec;
  if (node.config.mode === "interval") return 1000 / node.config.intervalMs;
  return 0;
}

/** The flow a run starts from: producer rates times the multiplier, the capacity under test applied. */
export function variedGraph(graph: FlowGraph, variation: Variation): FlowGraph {
  const { multiplier, capacity } = variation;
  const topics = capacity ? new Set(subscribedTopics(graph, capacity.groupId)) : new Set<string>();
  const nodes = graph.nodes.map((node): FlowNode => {
    if (node.kind === "producer" && multiplier !== 1) return withRate(node, designedRate(node) * multiplier);
    if (capacity && node.kind === "consumer" && node.id === capacity.groupId)
      return { ...node, config: { ...node.config, concurrency: capacity.workers } };
    if (capacity?.partitions && node.kind === "topic" && topics.has(node.id))
      return { ...node, config: { ...node.config, partitions: capacity.partitions } };
    return node;
  });
  return { ...graph, nodes };
}

/** True when a step would undo the capacity under test (a forecast holds it for the whole run). */
export function overridden(step: ScenarioStep, graph: FlowGraph, variation: Variation): boolean {
  const capacity = variation.capacity;
  if (!capacity) return false;
  if (step.action === "set-workers") return step.nodeId === capacity.groupId;
  if (step.action === "set-partitions")
    return (
      capacity.partitions !== undefined && subscribedTopics(graph, capacity.groupId).includes(step.nodeId)
    );
  return false;
}

/**
 * The graph after a config step (a redeploy by diff), or undefined for steps that are run
 * controls. `designed` is the flow as designed: multiply-rate multiplies its rate, never
 * the current one, so ×5 then ×1 comes back exactly.
 */
export function graphAfterStep(
  current: FlowGraph,
  designed: FlowGraph,
  step: ScenarioStep,
  multiplier: number,
): FlowGraph | undefined {
  const update = (change: (node: FlowNode) => FlowNode): FlowGraph => ({
    ...current,
    nodes: current.nodes.map((n) => (n.id === step.nodeId ? change(n) : n)),
  });
  switch (step.action) {
    case "multiply-rate": {
      const base = designed.nodes.find((n) => n.id === step.nodeId);
      return update((n) => withRate(n, (base ? designedRate(base) : 0) * step.factor * multiplier));
    }
    case "set-rate":
      return update((n) => withRate(n, step.ratePerSec * multiplier));
    case "set-failure-rate":
      return update((n) =>
        n.kind === "consumer" ? { ...n, config: { ...n.config, failureRatePct: step.failureRatePct } } : n,
      );
    case "set-processing-time":
      return update((n) =>
        n.kind === "consumer"
          ? { ...n, config: { ...n.config, processingMs: { min: step.minMs, max: step.maxMs } } }
          : n,
      );
    case "set-workers":
      return update((n) =>
        n.kind === "consumer" ? { ...n, config: { ...n.config, concurrency: step.workers } } : n,
      );
    case "set-partitions":
      return update((n) =>
        n.kind === "topic" ? { ...n, config: { ...n.config, partitions: step.partitions } } : n,
      );
    default:
      return undefined;
  }
}

/**
 * Events the producers would publish over the scenario (rate and interval modes, with the
 * rate steps and the multiplier, as designed; bursts at start; poison): the budget check
 * made before a run starts, so an expensive request is refused instead of begun.
 */
export function estimateEvents(
  graph: FlowGraph,
  steps: readonly ScenarioStep[],
  durationMs: number,
  multiplier: number,
): number {
  let total = 0;
  for (const node of graph.nodes) {
    if (node.kind !== "producer") continue;
    let rate = Math.min(MAX_RATE, designedRate(node) * multiplier);
    let paused = false;
    let from = 0;
    if (node.config.mode === "burst") total += node.config.burstCount;
    const own = steps.filter((s) => s.nodeId === node.id).sort((a, b) => a.atMs - b.atMs);
    for (const step of own) {
      if (!paused) total += (rate * (Math.min(step.atMs, durationMs) - from)) / 1000;
      from = Math.min(step.atMs, durationMs);
      if (step.action === "multiply-rate")
        rate = Math.min(MAX_RATE, designedRate(node) * step.factor * multiplier);
      else if (step.action === "set-rate") rate = Math.min(MAX_RATE, step.ratePerSec * multiplier);
      else if (step.action === "pause-producer") paused = true;
      else if (step.action === "resume-producer") paused = false;
      else if (step.action === "inject-poison") total += step.count;
    }
    if (!paused) total += (rate * (durationMs - from)) / 1000;
  }
  return Math.ceil(total);
}
