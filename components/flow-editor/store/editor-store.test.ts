import { describe, expect, it } from "vitest";
import { emptyGraph, validateGraph, type FlowGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";
import { createEditorStore } from "./create-editor-store";

const record = (graph: FlowGraph = emptyGraph()): FlowRecord => ({
  id: "f1",
  access: "edit",
  name: "Test",
  version: 1,
  graph,
  issues: [],
  createdAt: "",
  updatedAt: "",
});

function pipeline() {
  const store = createEditorStore(record());
  const s = () => store.getState();
  const producer = s().addNode("producer", { x: 0, y: 0 });
  const topic = s().addNode("topic", { x: 300, y: 0 });
  const consumer = s().addNode("consumer", { x: 600, y: 0 });
  const publishes = s().connect(producer.id, topic.id)!;
  const subscribes = s().connect(topic.id, consumer.id)!;
  return { store, s, producer, topic, consumer, publishes, subscribes };
}

describe("editor store: graph slice", () => {
  it("builds a valid pipeline, choosing the only edge kind each connection allows", () => {
    const { s, publishes, subscribes } = pipeline();
    expect(s().graph.edges.find((e) => e.id === publishes)?.kind).toBe("publishes");
    expect(s().graph.edges.find((e) => e.id === subscribes)?.kind).toBe("subscribes");
    expect(validateGraph(s().graph).issues).toEqual([]);
  });

  it("refuses connections the flow model does not allow, and duplicates", () => {
    const { s, producer, topic, consumer } = pipeline();
    const before = s().graph;
    expect(s().connect(producer.id, consumer.id)).toBeNull();
    expect(s().connect(consumer.id, producer.id)).toBeNull();
    expect(s().connect(producer.id, topic.id)).toBeNull();
    expect(s().graph).toBe(before);
  });

  it("defaults a consumer → topic connection to emits, or replies for a replying consumer", () => {
    const { s, consumer } = pipeline();
    const out = s().addNode("topic", { x: 900, y: 0 });
    const emits = s().connect(consumer.id, out.id)!;
    expect(s().graph.edges.find((e) => e.id === emits)?.kind).toBe("emits");
    s().setEdgeKind(emits, "dead-letters");
    expect(s().graph.edges.find((e) => e.id === emits)?.kind).toBe("dead-letters");
  });

  it("gives new topics unique names so the flow stays valid", () => {
    const { s } = pipeline();
    const second = s().addNode("topic", { x: 0, y: 200 });
    expect(second.kind === "topic" && second.config.name).toBe("orders-2");
  });

  it("deletes a node with its edges, and undo brings both back", () => {
    const { s, topic } = pipeline();
    const full = s().graph;
    s().select([topic.id], []);
    s().deleteSelection();
    expect(s().graph.nodes).toHaveLength(2);
    expect(s().graph.edges).toHaveLength(0);
    s().undo();
    expect(s().graph).toBe(full);
  });

  it("makes a whole drag one undo step", () => {
    const { s, producer } = pipeline();
    const before = s().graph;
    for (let x = 1; x <= 10; x++) s().moveNodes(new Map([[producer.id, { x, y: 0 }]]), true);
    s().finishDrag();
    expect(s().graph.nodes[0].position).toEqual({ x: 10, y: 0 });
    s().undo();
    expect(s().graph).toBe(before);
    s().redo();
    expect(s().graph.nodes[0].position).toEqual({ x: 10, y: 0 });
  });

  it("coalesces quick edits of one field into one undo step", () => {
    const { s, producer } = pipeline();
    const before = s().graph;
    for (const rate of [2, 25, 250])
      s().updateNode(
        producer.id,
        (n) => ({ ...n, config: { ...n.config, ratePerSec: rate } }) as typeof n,
        `${producer.id}.ratePerSec`,
      );
    s().undo();
    expect(s().graph).toBe(before);
  });

  it("copies and pastes the selection with fresh ids, internal edges and unique topic names", () => {
    const { s, producer, topic } = pipeline();
    s().select([producer.id, topic.id], []);
    s().copy();
    s().paste();
    const { graph, selectedNodeIds } = s();
    expect(graph.nodes).toHaveLength(5);
    expect(graph.edges).toHaveLength(3);
    expect(selectedNodeIds.size).toBe(2);
    expect(selectedNodeIds.has(producer.id)).toBe(false);
    expect(validateGraph(graph).issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("keeps undo history across a save", () => {
    const { store, s } = pipeline();
    const saved = s().graph;
    s().markSaved({ ...record(saved), version: 2 }, saved, s().name);
    s().undo();
    expect(s().graph.edges).toHaveLength(1);
    expect(s().version).toBe(2);
    expect(store.getState().graph).not.toBe(s().savedGraph);
  });

  it("on a conflict, loading theirs keeps ours one undo step back", () => {
    const { s } = pipeline();
    const mine = s().graph;
    const theirs = { ...record(emptyGraph()), version: 5 };
    s().setConflict(theirs);
    expect(s().saveStatus).toBe("conflict");
    s().acceptTheirs(theirs);
    expect(s().graph).toBe(theirs.graph);
    expect(s().version).toBe(5);
    s().undo();
    expect(s().graph).toBe(mine);
  });
});
