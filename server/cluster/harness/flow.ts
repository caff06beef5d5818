import { consumerKind, producerKind, topicKind, type FlowGraph } from "@/lib/flow";

/** The suite's flow: a producer at `ratePerSec` into a Redis Streams topic of 2 partitions, one group. */
export function redisFlow(ratePerSec: number): FlowGraph {
  return {
    schemaVersion: 2,
    nodes: [
      {
        id: "p",
        kind: "producer",
        position: { x: 0, y: 0 },
        config: { ...producerKind.defaults(), mode: "rate", ratePerSec },
      },
      {
        id: "t",
        kind: "topic",
        position: { x: 300, y: 0 },
        config: { ...topicKind.defaults(), name: "orders", partitions: 2, backend: "redis" },
      },
      {
        id: "c",
        kind: "consumer",
        position: { x: 600, y: 0 },
        config: { ...consumerKind.defaults(), group: "billing", processingMs: { min: 2, max: 5 } },
      },
    ],
    edges: [
      { id: "pub", kind: "publishes", source: "p", target: "t" },
      { id: "sub", kind: "subscribes", source: "t", target: "c" },
    ],
  };
}
