import { describe, expect, it } from "vitest";
import ecommerce from "@/examples/ecommerce-orders.json";
import type { FlowGraph } from "@/lib/flow";
import { moveNodes } from "../store/graph-ops";
import { nodeAriaLabel } from "../labels";
import { createRfMapper, toRfEdge, toRfNode } from "./to-react-flow";

const graph = ecommerce as FlowGraph;

describe("graph → React Flow mapping", () => {
  it("maps each node to a typed React Flow node carrying the flow node", () => {
    const producer = graph.nodes[0];
    const rf = toRfNode(producer, true, { width: 208, height: 70 });
    expect(rf).toMatchObject({
      id: "order-service",
      type: "producer",
      position: { x: 0, y: 240 },
      selected: true,
      ariaLabel: "Producer Order service",
      measured: { width: 208, height: 70 },
    });
    expect(rf.data.node).toBe(producer);
    expect(nodeAriaLabel(graph.nodes[1])).toBe("Topic orders");
  });

  it("maps each edge with its kind in data and a readable label", () => {
    const edge = graph.edges.find((e) => e.kind === "dead-letters")!;
    const rf = toRfEdge(edge, false, "Email dead-letters Failed emails");
    expect(rf).toMatchObject({
      id: "e-email-dlq",
      source: "email",
      target: "email-dlq",
      type: "flow",
      selected: false,
    });
    expect(rf.data?.edge.kind).toBe("dead-letters");
  });

  it("labels edges by the names of their ends", () => {
    const map = createRfMapper();
    const { edges } = map(graph, new Set(), new Set(), new Map());
    expect(edges.find((e) => e.id === "e-email-dlq")?.ariaLabel).toBe("Email dead-letters Failed emails");
  });

  it("reuses unchanged nodes and edges so React Flow skips them", () => {
    const map = createRfMapper();
    const first = map(graph, new Set(), new Set(), new Map());
    const moved = moveNodes(graph, new Map([["orders", { x: 320, y: 200 }]]));
    const second = map(moved, new Set(["payment"]), new Set(), new Map());
    expect(second.nodes[0]).toBe(first.nodes[0]);
    expect(second.nodes[1]).not.toBe(first.nodes[1]);
    expect(second.nodes[1].position).toEqual({ x: 320, y: 200 });
    expect(second.nodes[2].selected).toBe(true);
    expect(second.edges).toEqual(first.edges);
    expect(second.edges[0]).toBe(first.edges[0]);
    // No edge changed: the same list, so React Flow does not take the edges in again.
    expect(second.edges).toBe(first.edges);
    // Nothing changed at all: both lists are the previous ones.
    const third = map(moved, new Set(["payment"]), new Set(), new Map());
    expect(third.nodes).toBe(second.nodes);
    expect(third.edges).toBe(second.edges);
  });

  it("labels an edge again when an end is renamed, and makes a new list then", () => {
    const map = createRfMapper();
    const first = map(graph, new Set(), new Set(), new Map());
    const renamed = {
      ...graph,
      nodes: graph.nodes.map((n) => (n.id === "email" ? { ...n, label: "Mailer" } : n)),
    };
    const second = map(renamed, new Set(), new Set(), new Map());
    expect(second.edges).not.toBe(first.edges);
    expect(second.edges.find((e) => e.id === "e-email-dlq")?.ariaLabel).toBe(
      "Mailer dead-letters Failed emails",
    );
    const untouched = first.edges.findIndex((e) => e.source !== "email" && e.target !== "email");
    expect(second.edges[untouched]).toBe(first.edges[untouched]);
  });

  it("labels an edge again when its kind changes (the ends stay the same)", () => {
    const map = createRfMapper();
    map(graph, new Set(), new Set(), new Map());
    const rekinded = {
      ...graph,
      edges: graph.edges.map((e) => (e.id === "e-email-dlq" ? { ...e, kind: "emits" as const } : e)),
    };
    const second = map(rekinded, new Set(), new Set(), new Map());
    expect(second.edges.find((e) => e.id === "e-email-dlq")?.ariaLabel).toBe("Email emits Failed emails");
  });

  it("round-trips: positions read back from React Flow nodes equal the graph", () => {
    const { nodes } = createRfMapper()(graph, new Set(), new Set(), new Map());
    const back = moveNodes(graph, new Map(nodes.map((n) => [n.id, n.position])));
    expect(back).toEqual(graph);
  });
});
