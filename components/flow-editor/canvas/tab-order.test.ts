import { describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import type { FlowGraph } from "@/lib/flow";
import { tabOrder } from "./tab-order";

describe("tabOrder", () => {
  it("visits nodes left to right, each followed by its outgoing connections", () => {
    const order = tabOrder(example as FlowGraph).map((s) => `${s.kind} ${s.id}`);
    expect(order.slice(0, 4)).toEqual([
      "node order-service",
      `edge ${(example as FlowGraph).edges.find((e) => e.source === "order-service")!.id}`,
      "node orders",
      expect.stringMatching(/^edge /),
    ]);
    expect(order.filter((s) => s.startsWith("node"))).toHaveLength(example.nodes.length);
    expect(order.filter((s) => s.startsWith("edge"))).toHaveLength(example.edges.length);
    // Every edge comes after its source node.
    for (const edge of (example as FlowGraph).edges)
      expect(order.indexOf(`edge ${edge.id}`)).toBeGreaterThan(order.indexOf(`node ${edge.source}`));
  });
});
