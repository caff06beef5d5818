import { describe, expect, it } from "vitest";
import { producerKind, consumerKind, topicKind } from "@/lib/flow";
import { inspectorNodes } from "./node-names";

describe("inspectorNodes", () => {
  it("names nodes as their cards do (event type, topic name, group), and an unknown node by its id", () => {
    const nodes = inspectorNodes(
      [
        { id: "producer-y8gfvf", kind: "producer", config: producerKind.defaults() },
        { id: "topic-k2m3aa", kind: "topic", config: topicKind.defaults() },
        { id: "consumer-t6yz44", kind: "consumer", config: consumerKind.defaults() },
        { id: "consumer-q9w8e7", kind: "consumer", label: "Billing", config: consumerKind.defaults() },
      ],
      {
        flowId: "f",
        atMs: 0,
        nodes: { gone: { nodeId: "gone", kind: "topic" } as never },
      },
    );
    expect(nodes.map((n) => n.name)).toEqual(["order.placed", "orders", "payments", "Billing", "gone"]);
  });
});
