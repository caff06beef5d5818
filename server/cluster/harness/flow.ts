import { consumerKind, producerKind, topicKind, type FlowGraph, type TopicBackend } from "@/lib/flow";

/**
 * The cluster tests' flows: one producer (`manual`, or `ratePerSec` events/s) into topic
 * `orders` on `backend`, read by one consumer group per name in `groups`, acking at once unless
 * `processingMs` says otherwise.
 */
export function pipeline({
  ratePerSec,
  backend = "embedded",
  partitions = 2,
  groups = ["billing"],
  processingMs = { min: 0, max: 0 },
}: {
  ratePerSec?: number;
  backend?: TopicBackend;
  partitions?: number;
  groups?: string[];
  processingMs?: { min: number; max: number };
} = {}): FlowGraph {
  const producer =
    ratePerSec === undefined
      ? { ...producerKind.defaults(), mode: "manual" as const }
      : { ...producerKind.defaults(), mode: "rate" as const, ratePerSec };
  return {
    schemaVersion: 2,
    nodes: [
      { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: producer },
      {
        id: "t",
        kind: "topic",
        position: { x: 300, y: 0 },
        config: { ...topicKind.defaults(), name: "orders", partitions, backend },
      },
      ...groups.map((group, i) => ({
        id: group,
        kind: "consumer" as const,
        position: { x: 600, y: i * 150 },
        config: { ...consumerKind.defaults(), group, processingMs },
      })),
    ],
    edges: [
      { id: "pub", kind: "publishes", source: "p", target: "t" },
      ...groups.map((group) => ({
        id: `sub-${group}`,
        kind: "subscribes" as const,
        source: "t",
        target: group,
      })),
    ],
  };
}

/** A producer at `ratePerSec` into a Redis Streams topic of 2 partitions, one group taking 2–5 ms. */
export const redisFlow = (ratePerSec: number) =>
  pipeline({ ratePerSec, backend: "redis", processingMs: { min: 2, max: 5 } });
