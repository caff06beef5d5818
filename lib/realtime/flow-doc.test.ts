import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { consumerKind, producerKind, topicKind, type FlowEdge, type FlowGraph, type FlowNode } from "../flow";
import { docName, graphMirror, readDocGraph } from "./flow-doc";
import { seedFlowDoc, writeFlowName, writeGraphChanges } from "./flow-doc-write";

const defaults = { producer: producerKind, topic: topicKind, consumer: consumerKind } as const;
const start: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: producerKind.defaults() },
    { id: "t", kind: "topic", position: { x: 200, y: 0 }, config: topicKind.defaults() },
    { id: "c", kind: "consumer", position: { x: 400, y: 0 }, config: consumerKind.defaults() },
  ],
  edges: [{ id: "e0", kind: "publishes", source: "p", target: "t" }],
};

/** The designer's operations, as pure graph changes (what the editor store writes through). */
type Op =
  | { op: "add"; kind: "producer" | "topic" | "consumer"; id: string; x: number; y: number }
  | { op: "move"; pick: number; x: number; y: number }
  | { op: "connect"; from: number; to: number; id: string }
  | { op: "configure"; pick: number; field: "partitions" | "maxAttempts" | "label"; value: number }
  | { op: "delete-node"; pick: number }
  | { op: "delete-edge"; pick: number }
  | { op: "rename"; name: string };

const pickOf = <T>(items: readonly T[], n: number): T | undefined =>
  items.length ? items[n % items.length] : undefined;

function configure(node: FlowNode, field: string, value: number): FlowNode {
  if (field === "label") return { ...node, label: `label ${value}` };
  if (node.kind === "topic" && field === "partitions")
    return { ...node, config: { ...node.config, partitions: 1 + (value % 64) } };
  if (node.kind === "consumer")
    return {
      ...node,
      config: { ...node.config, retry: { ...node.config.retry, maxAttempts: 1 + (value % 50) } },
    };
  return { ...node, position: { x: value, y: value } };
}

function apply(graph: FlowGraph, step: Op): FlowGraph {
  switch (step.op) {
    case "add": {
      if (graph.nodes.some((n) => n.id === step.id)) return graph;
      const node = {
        id: step.id,
        kind: step.kind,
        position: { x: step.x, y: step.y },
        config: defaults[step.kind].defaults(),
      };
      return { ...graph, nodes: [...graph.nodes, node as FlowNode] };
    }
    case "move": {
      const node = pickOf(graph.nodes, step.pick);
      if (!node) return graph;
      return {
        ...graph,
        nodes: graph.nodes.map((n) => (n === node ? { ...n, position: { x: step.x, y: step.y } } : n)),
      };
    }
    case "connect": {
      const source = pickOf(graph.nodes, step.from);
      const target = pickOf(graph.nodes, step.to);
      if (!source || !target || graph.edges.some((e) => e.id === step.id)) return graph;
      const edge = { id: step.id, kind: "subscribes", source: source.id, target: target.id } as FlowEdge;
      return { ...graph, edges: [...graph.edges, edge] };
    }
    case "configure": {
      const node = pickOf(graph.nodes, step.pick);
      if (!node) return graph;
      return {
        ...graph,
        nodes: graph.nodes.map((n) => (n === node ? configure(n, step.field, step.value) : n)),
      };
    }
    case "delete-node": {
      const node = pickOf(graph.nodes, step.pick);
      if (!node) return graph;
      return {
        ...graph,
        nodes: graph.nodes.filter((n) => n !== node),
        edges: graph.edges.filter((e) => e.source !== node.id && e.target !== node.id),
      };
    }
    case "delete-edge": {
      const edge = pickOf(graph.edges, step.pick);
      return edge ? { ...graph, edges: graph.edges.filter((e) => e !== edge) } : graph;
    }
    case "rename":
      return graph;
  }
}

const id = fc.stringMatching(/^[a-z]{1,6}$/);
const coord = fc.integer({ min: -2000, max: 2000 });
const anOp: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant("add" as const),
    kind: fc.constantFrom("producer", "topic", "consumer"),
    id,
    x: coord,
    y: coord,
  }),
  fc.record({ op: fc.constant("move" as const), pick: fc.nat(), x: coord, y: coord }),
  fc.record({ op: fc.constant("connect" as const), from: fc.nat(), to: fc.nat(), id }),
  fc.record({
    op: fc.constant("configure" as const),
    pick: fc.nat(),
    field: fc.constantFrom("partitions", "maxAttempts", "label"),
    value: fc.nat(1000),
  }),
  fc.record({ op: fc.constant("delete-node" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("delete-edge" as const), pick: fc.nat() }),
  fc.record({ op: fc.constant("rename" as const), name: fc.string({ maxLength: 12 }) }),
);
type Step = { edit: number; op: Op } | { from: number; to: number };
const aStep = (replicas: number): fc.Arbitrary<Step> =>
  fc.oneof(
    fc.record({ edit: fc.nat(replicas - 1), op: anOp }),
    fc.record({ from: fc.nat(replicas - 1), to: fc.nat(replicas - 1) }),
  );

function replicas(count: number) {
  const docs = Array.from({ length: count }, () => new Y.Doc());
  seedFlowDoc(docs[0], start, "Orders");
  for (const doc of docs.slice(1)) Y.applyUpdate(doc, Y.encodeStateAsUpdate(docs[0]));
  return docs;
}
const deliver = (from: Y.Doc, to: Y.Doc) =>
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

function run(docs: Y.Doc[], steps: Step[]) {
  const mirrors = docs.map((doc) => {
    const mirror = graphMirror(doc);
    doc.on("afterTransaction", (tr: Y.Transaction) => mirror.invalidate(tr));
    return mirror;
  });
  for (const step of steps) {
    if ("from" in step) {
      if (step.from !== step.to) deliver(docs[step.from], docs[step.to]);
      continue;
    }
    const doc = docs[step.edit];
    const before = mirrors[step.edit].graph();
    if (step.op.op === "rename") writeFlowName(doc, step.op.name);
    else writeGraphChanges(doc, before, apply(before, step.op));
    // A replica's own edit is what it reads back at once.
    expect(readDocGraph(doc)).toEqual(apply(before, step.op));
  }
  for (const a of docs) for (const b of docs) if (a !== b) deliver(a, b);
  return mirrors;
}

describe("the shared flow document", () => {
  it("reads back the graph and name it was seeded with", () => {
    const [doc] = replicas(1);
    expect(readDocGraph(doc)).toEqual(start);
    expect(docName(doc)).toBe("Orders");
  });

  it("converges under every interleaving of the designer's operations (two and three replicas)", () => {
    for (const count of [2, 3])
      fc.assert(
        fc.property(fc.array(aStep(count), { maxLength: 40 }), (steps) => {
          const docs = replicas(count);
          const mirrors = run(docs, steps);
          const graphs = docs.map(readDocGraph);
          for (let i = 1; i < count; i++) {
            expect(graphs[i]).toEqual(graphs[0]);
            expect(docName(docs[i])).toBe(docName(docs[0]));
          }
          // The incremental mirror the editor renders agrees with a full read.
          mirrors.forEach((mirror, i) => expect(mirror.graph()).toEqual(graphs[i]));
          // Ids stay unique and every edge's ends were nodes at some point: nothing is duplicated.
          expect(new Set(graphs[0].nodes.map((n) => n.id)).size).toBe(graphs[0].nodes.length);
        }),
        { numRuns: 150 },
      );
  });

  it("keeps both people's edits to different fields of one node, and settles one move for everyone", () => {
    const [a, b] = replicas(2);
    const base = readDocGraph(a);
    const consumer = base.nodes[2] as Extract<FlowNode, { kind: "consumer" }>;
    const withRetries = {
      ...consumer,
      config: { ...consumer.config, retry: { ...consumer.config.retry, maxAttempts: 9 } },
    };
    const withBackoff = {
      ...consumer,
      config: { ...consumer.config, retry: { ...consumer.config.retry, backoff: "fixed" as const } },
    };
    writeGraphChanges(a, base, { ...base, nodes: [base.nodes[0], base.nodes[1], withRetries] });
    writeGraphChanges(b, base, {
      ...base,
      nodes: [{ ...base.nodes[0], position: { x: 5, y: 6 } }, base.nodes[1], withBackoff],
    });
    writeGraphChanges(a, readDocGraph(a), {
      ...readDocGraph(a),
      nodes: [{ ...base.nodes[0], position: { x: 7, y: 8 } }, ...readDocGraph(a).nodes.slice(1)],
    });
    deliver(a, b);
    deliver(b, a);
    const merged = readDocGraph(a);
    expect(readDocGraph(b)).toEqual(merged);
    expect((merged.nodes[2] as typeof consumer).config.retry).toEqual({
      ...consumer.config.retry,
      maxAttempts: 9,
      backoff: "fixed",
    });
    expect([
      { x: 5, y: 6 },
      { x: 7, y: 8 },
    ]).toContainEqual(merged.nodes[0].position);
  });

  it("merges a writer's change against its base without undoing what others changed since", () => {
    const [doc] = replicas(1);
    const base = readDocGraph(doc);
    writeGraphChanges(doc, base, {
      ...base,
      nodes: base.nodes.map((n) => (n.id === "t" ? { ...n, label: "live" } : n)),
    });
    // A REST client still holding `base` renames the producer's label only.
    writeGraphChanges(doc, base, {
      ...base,
      nodes: base.nodes.map((n) => (n.id === "p" ? { ...n, label: "rest" } : n)),
    });
    const now = readDocGraph(doc);
    expect(now.nodes.map((n) => n.label)).toEqual(["rest", "live", undefined]);
  });
});

describe("the graph mirror of a new epoch", () => {
  it("keeps the objects of the copy it replaces where the content is the same", () => {
    const [old] = replicas(1);
    const before = graphMirror(old).graph();
    // A new epoch of the same content: the same graph object, so nothing shown needs to change.
    const same = new Y.Doc();
    seedFlowDoc(same, start, "Orders");
    expect(graphMirror(same, before).graph()).toBe(before);

    // One node moved meanwhile: only it is a new object.
    const moved = new Y.Doc();
    seedFlowDoc(
      moved,
      { ...start, nodes: start.nodes.map((n) => (n.id === "t" ? { ...n, position: { x: 9, y: 9 } } : n)) },
      "Orders",
    );
    const after = graphMirror(moved, before).graph();
    expect(after).not.toBe(before);
    expect(after).toEqual(readDocGraph(moved));
    expect(after.nodes[0]).toBe(before.nodes[0]);
    expect(after.nodes[1]).not.toBe(before.nodes[1]);
    expect(after.nodes[1].position).toEqual({ x: 9, y: 9 });
    expect(after.edges[0]).toBe(before.edges[0]);
  });
});

describe("per-person undo", () => {
  it("undoes only the changes of the tracked origin", () => {
    const [a, b] = replicas(2);
    const mine = { person: "ana" };
    const undo = new Y.UndoManager([a.getMap("nodes"), a.getMap("edges"), a.getMap("flow")], {
      trackedOrigins: new Set([mine]),
      captureTimeout: 0,
    });
    const base = readDocGraph(a);
    const added = apply(base, { op: "add", kind: "topic", id: "mine", x: 1, y: 2 });
    writeGraphChanges(a, base, added, mine);
    // Bob configures the topic meanwhile, and his change reaches Ana.
    const bobBase = readDocGraph(b);
    writeGraphChanges(
      b,
      bobBase,
      apply(bobBase, { op: "configure", pick: 1, field: "partitions", value: 11 }),
    );
    deliver(b, a);
    deliver(a, b);
    undo.undo();
    deliver(a, b);
    for (const doc of [a, b]) {
      const graph = readDocGraph(doc);
      expect(graph.nodes.map((n) => n.id)).toEqual(["p", "t", "c"]);
      expect((graph.nodes[1] as Extract<FlowNode, { kind: "topic" }>).config.partitions).toBe(12);
    }
    undo.redo();
    expect(readDocGraph(a).nodes.map((n) => n.id)).toEqual(["p", "t", "c", "mine"]);
  });
});
