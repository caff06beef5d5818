import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { consumerKind, producerKind, topicKind } from "./node-kinds";
import { emptyGraph, type FlowGraph } from "./schema";
import { validateGraph } from "./validate";

const clone = (): FlowGraph => structuredClone(example) as FlowGraph;
const topic = (id: string, name: string) => ({
  id,
  kind: "topic" as const,
  position: { x: 0, y: 0 },
  config: { ...topicKind.defaults(), name },
});
const consumer = (id: string) => ({
  id,
  kind: "consumer" as const,
  position: { x: 0, y: 0 },
  config: consumerKind.defaults(),
});
const producer = (id: string) => ({
  id,
  kind: "producer" as const,
  position: { x: 0, y: 0 },
  config: producerKind.defaults(),
});

describe("validateGraph", () => {
  it("accepts the e-commerce example with no issues, and an empty graph with one warning", () => {
    expect(validateGraph(example)).toEqual({ graph: example, issues: [] });
    expect(validateGraph(emptyGraph())).toEqual({
      graph: emptyGraph(),
      issues: [
        {
          path: "nodes",
          message:
            "the flow is empty: drag a Producer, a Topic and a Consumer onto the canvas and connect them",
          severity: "warning",
        },
      ],
    });
  });

  it("names unknown fields with their path", () => {
    const graph = clone() as unknown as { nodes: Record<string, unknown>[] };
    graph.nodes[1].colour = "red";
    (graph.nodes[2].config as Record<string, unknown>).retries = 5;
    const { graph: ok, issues } = validateGraph(graph);
    expect(ok).toBeUndefined();
    expect(issues).toEqual([
      {
        path: "nodes[1]",
        message: "unknown field 'colour'",
        severity: "error",
        nodeId: "orders",
        edgeId: undefined,
      },
      {
        path: "nodes[2].config",
        message: "unknown field 'retries'",
        severity: "error",
        nodeId: "payment",
        edgeId: undefined,
      },
    ]);
  });

  it("reports wrong types and out-of-range values at their path", () => {
    const graph = clone();
    (graph.nodes[1].config as { partitions: unknown }).partitions = 65;
    (graph.nodes[0].config as { ratePerSec: unknown }).ratePerSec = "fast";
    const issues = validateGraph(graph).issues.map((i) => [i.path, i.message]);
    expect(issues).toEqual([
      ["nodes[0].config.ratePerSec", "Invalid input: expected number, received string"],
      ["nodes[1].config.partitions", "must be at most 64"],
    ]);
  });

  it("requires a producer source that is a URI reference, as CloudEvents does", () => {
    const spaced = { ...producer("p"), config: { ...producerKind.defaults(), source: "Order service" } };
    expect(
      validateGraph({ ...emptyGraph(), nodes: [spaced] }).issues.map((i) => [i.path, i.message]),
    ).toEqual([["nodes[0].config.source", "must be a URI reference like /shop/checkout (no spaces)"]]);
    const urn = { ...producer("p"), config: { ...producerKind.defaults(), source: "urn:shop:checkout" } };
    // Only the warning that it publishes nowhere; the source itself is fine.
    expect(validateGraph({ ...emptyGraph(), nodes: [urn] }).issues).toEqual([
      {
        path: "nodes[0]",
        message: "producer 'order.placed' publishes to no topic: connect it to a topic",
        severity: "warning",
        nodeId: "p",
      },
    ]);
  });

  it("suggests a valid topic name", () => {
    const graph = { ...emptyGraph(), nodes: [topic("t", "Orders")] };
    expect(validateGraph(graph).issues[0].message).toBe(
      "topic name 'Orders' may use lowercase letters, digits and . _ - only: try 'orders'",
    );
  });

  it("finds dangling and wrongly typed edges", () => {
    const graph: FlowGraph = {
      ...emptyGraph(),
      nodes: [producer("p"), topic("t", "t"), consumer("c")],
      edges: [
        { id: "e1", kind: "publishes", source: "p", target: "ghost" },
        { id: "e2", kind: "subscribes", source: "p", target: "c" },
        { id: "e3", kind: "publishes", source: "t", target: "c" },
      ],
    };
    expect(validateGraph(graph).issues).toEqual([
      {
        path: "edges[0].target",
        message: "connects to 'ghost', which is not in the flow",
        severity: "error",
        edgeId: "e1",
      },
      {
        path: "edges[1].kind",
        message:
          "'subscribes' cannot go from a producer to a consumer: a producer cannot connect to a consumer",
        severity: "error",
        edgeId: "e2",
      },
      {
        path: "edges[2].kind",
        message: "'publishes' cannot go from a topic to a consumer: use subscribes",
        severity: "error",
        edgeId: "e3",
      },
      {
        path: "nodes[1]",
        message: "topic 't' gets no events, nothing publishes to it: connect a producer to it",
        severity: "warning",
        nodeId: "t",
      },
    ]);
  });

  it("finds duplicate topic names, duplicate ids and duplicate edges", () => {
    const graph: FlowGraph = {
      ...emptyGraph(),
      nodes: [producer("p"), topic("a", "orders"), topic("b", "orders"), producer("p")],
      edges: [
        { id: "e", kind: "publishes", source: "p", target: "a" },
        { id: "f", kind: "publishes", source: "p", target: "a" },
      ],
    };
    expect(validateGraph(graph).issues.map((i) => i.message)).toEqual([
      "id 'p' is used twice",
      "duplicates another publishes edge between the same nodes",
      "topic name 'orders' is already used by nodes[1]",
      "topic 'orders' gets no events, nothing publishes to it: connect a producer to it",
    ]);
  });

  it("refuses a consumer that dead-letters to its own input topic", () => {
    const graph: FlowGraph = {
      ...emptyGraph(),
      nodes: [topic("t", "orders"), consumer("c")],
      edges: [
        { id: "s", kind: "subscribes", source: "t", target: "c" },
        { id: "d", kind: "dead-letters", source: "c", target: "t" },
      ],
    };
    expect(validateGraph(graph).issues).toEqual([
      {
        path: "nodes[1]",
        message: "consumer 'payments' dead-letters to its own input topic 'orders': pick another topic",
        severity: "error",
        nodeId: "c",
        edgeId: "d",
      },
    ]);
  });

  it("warns about an unfiltered emit cycle, and not about a filtered one", () => {
    const transform = {
      ...consumer("c"),
      config: { ...consumerKind.defaults(), action: "transform" as const, transformExpression: "$" },
    };
    const graph: FlowGraph = {
      ...emptyGraph(),
      nodes: [topic("t", "loop"), transform],
      edges: [
        { id: "s", kind: "subscribes", source: "t", target: "c" },
        { id: "x", kind: "emits", source: "c", target: "t" },
      ],
    };
    const result = validateGraph(graph);
    expect(result.graph).toBeDefined();
    expect(result.issues).toEqual([
      {
        path: "edges",
        message: "events loop through t → c with no filter: the runtime will cut them at the hop limit",
        severity: "warning",
        edgeId: "s",
      },
    ]);
    (graph.edges[0] as { filter?: unknown }).filter = { data: { done: [{ exists: false }] } };
    expect(validateGraph(graph).issues).toEqual([]);
  });

  it("keeps to the limits without crashing", () => {
    const many = Array.from({ length: 501 }, (_, i) => topic(`t${i}`, `t${i}`));
    expect(validateGraph({ ...emptyGraph(), nodes: many }).issues).toEqual([
      {
        path: "nodes",
        message: "a flow holds at most 500 nodes",
        severity: "error",
        nodeId: undefined,
        edgeId: undefined,
      },
    ]);
    const big = {
      ...producer("p"),
      config: { ...producerKind.defaults(), payloadTemplate: "x".repeat(16 * 1024 + 1) },
    };
    expect(validateGraph({ ...emptyGraph(), nodes: [big] }).issues.map((i) => [i.path, i.message])).toEqual([
      ["nodes[0].config.payloadTemplate", "must be at most 16 KB"],
    ]);
    const long = { ...producer("p"), config: { ...producerKind.defaults(), source: "s".repeat(201) } };
    expect(validateGraph({ ...emptyGraph(), nodes: [long] }).issues.map((i) => i.message)).toEqual([
      "must be at most 200 characters",
    ]);
  });

  it("rejects non-objects and hostile input with an issue, never an exception", () => {
    for (const input of [
      null,
      42,
      "graph",
      [],
      { schemaVersion: 1, nodes: "x", edges: [] },
      { __proto__: { nodes: [] } },
    ]) {
      const result = validateGraph(input);
      expect(result.graph).toBeUndefined();
      expect(result.issues.length).toBeGreaterThan(0);
    }
  });
});
