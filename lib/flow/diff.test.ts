import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { diffGraphs } from "./diff";
import type { FlowGraph } from "./schema";

describe("diffGraphs", () => {
  it("sees moves as unchanged, config edits as changed, and additions and removals", () => {
    const before = example as FlowGraph;
    const after = structuredClone(before);
    after.nodes[0].position = { x: 99, y: 99 };
    (after.nodes[1].config as { partitions: number }).partitions = 6;
    after.nodes = after.nodes.filter((n) => n.id !== "recommendations");
    after.edges = after.edges.filter((e) => e.target !== "recommendations");
    after.nodes.push({
      id: "audit",
      kind: "topic",
      position: { x: 0, y: 0 },
      config: { name: "audit", partitions: 1, retention: { maxEventsPerPartition: 10, maxAgeMs: 0 } },
    });
    const diff = diffGraphs(before, after);
    expect(diff.addedNodes.map((n) => n.id)).toEqual(["audit"]);
    expect(diff.removedNodes.map((n) => n.id)).toEqual(["recommendations"]);
    expect(diff.changedNodes.map((c) => c.after.id)).toEqual(["orders"]);
    expect(diff.unchangedNodeIds).toEqual([
      "order-service",
      "payment",
      "inventory",
      "email",
      "payments",
      "email-dlq",
      "checkout",
    ]);
    expect(diff.removedEdges.map((e) => e.id)).toEqual(["e-orders-recommendations"]);
    expect(diff.addedEdges).toEqual([]);
  });
});
