import { describe, expect, it } from "vitest";
import { emptyGraph, nodeName, type FlowGraph } from "@/lib/flow";
import { addNode, createNode } from "./graph-ops";

const at = { x: 0, y: 0 };

describe("createNode: readable, unique default names", () => {
  it("gives each new node of a kind its own name, never its id", () => {
    let graph: FlowGraph = emptyGraph();
    const names: string[] = [];
    for (const kind of ["producer", "producer", "topic", "topic", "consumer", "consumer"] as const) {
      const node = createNode(graph, kind, at);
      graph = addNode(graph, node);
      names.push(nodeName(node));
      expect(nodeName(node)).not.toContain(node.id);
    }
    expect(names).toEqual(["order.placed", "order.placed-2", "orders", "orders-2", "payments", "payments-2"]);
  });
});
