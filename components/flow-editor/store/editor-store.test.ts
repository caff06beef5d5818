import { describe, expect, it } from "vitest";
import { emptyGraph, validateGraph, type FlowGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";
import * as Y from "yjs";
import { createEditorStore, type EditorStore } from "./create-editor-store";

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
    expect(s().graph).toEqual(full);
  });

  it("makes a whole drag one undo step", () => {
    const { s, producer } = pipeline();
    const before = s().graph;
    for (let x = 1; x <= 10; x++) s().moveNodes(new Map([[producer.id, { x, y: 0 }]]), true);
    s().finishDrag();
    expect(s().graph.nodes[0].position).toEqual({ x: 10, y: 0 });
    s().undo();
    expect(s().graph).toEqual(before);
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
    expect(s().graph).toEqual(before);
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

  it("undo takes back this person's change only, never someone else's", () => {
    const ana = pipeline();
    const bob = joined(ana.store);
    ana.s().moveNodes(new Map([[ana.producer.id, { x: 50, y: 50 }]]), false);
    bob
      .getState()
      .updateNode(
        ana.topic.id,
        (n) => (n.kind === "topic" ? { ...n, config: { ...n.config, partitions: 9 } } : n),
        "partitions",
      );
    exchange(ana.store, bob);
    ana.s().undo();
    exchange(ana.store, bob);
    for (const graph of [ana.s().graph, bob.getState().graph]) {
      expect(graph.nodes[0].position).toEqual({ x: 0, y: 0 });
      expect(graph.nodes[1].kind === "topic" && graph.nodes[1].config.partitions).toBe(9);
    }
    expect(bob.getState().canUndo).toBe(true);
    expect(ana.s().canRedo).toBe(true);
  });

  it("what someone else deletes leaves this person's selection; what they move stays selected", () => {
    const ana = pipeline();
    const bob = joined(ana.store);
    bob.getState().select([ana.topic.id, ana.consumer.id], [ana.publishes]);
    ana.s().moveNodes(new Map([[ana.consumer.id, { x: 700, y: 10 }]]), false);
    exchange(ana.store, bob);
    expect([...bob.getState().selectedNodeIds]).toEqual([ana.topic.id, ana.consumer.id]);
    expect([...bob.getState().selectedEdgeIds]).toEqual([ana.publishes]);
    ana.s().select([ana.topic.id], []);
    ana.s().deleteSelection();
    exchange(ana.store, bob);
    expect([...bob.getState().selectedNodeIds]).toEqual([ana.consumer.id]);
    expect([...bob.getState().selectedEdgeIds]).toEqual([]);
  });

  it("edits made before the shared flow arrives are merged into it, with what others did meanwhile", () => {
    const ana = pipeline();
    const late = createEditorStore(record(ana.s().graph), "edit", { connected: true });
    late.getState().rename("Renamed early");
    late.getState().moveNodes(new Map([[ana.consumer.id, { x: 1, y: 2 }]]), false);
    expect(late.getState().saveStatus).toBe("connecting");
    ana.s().addNode("topic", { x: 0, y: 400 });
    Y.applyUpdate(late.getState().shared.doc, Y.encodeStateAsUpdate(ana.s().shared.doc));
    late.getState().setDocStatus({ ...ONLINE, unsaved: false });
    const graph = late.getState().graph;
    expect(graph.nodes).toHaveLength(4);
    expect(graph.nodes[2].position).toEqual({ x: 1, y: 2 });
    expect(late.getState().name).toBe("Renamed early");
    expect(late.getState().unsaved).toBe(false);
  });
});

describe("editor store: save status", () => {
  it("a shared flow reads Connecting… until it has arrived, then Saved, and Offline once it has", () => {
    const editor = createEditorStore(record(), "edit", { connected: true });
    const status = () => editor.getState().saveStatus;
    expect(status()).toBe("connecting");
    // Dropped before the flow arrived: still nothing to work offline on.
    editor.getState().setDocStatus({ ...ONLINE, online: false, synced: false, unsaved: false });
    expect(status()).toBe("connecting");
    editor.getState().setDocStatus({ ...ONLINE, unsaved: false });
    expect(status()).toBe("saved");
    editor.getState().setDocStatus({ ...ONLINE, unsaved: true });
    expect(status()).toBe("saving");
    editor.getState().setDocStatus({ ...ONLINE, online: false, unsaved: true });
    expect(status()).toBe("offline");
    expect(editor.getState().unsaved).toBe(true);
    // A reconnection starts a new exchange; the flow this tab holds is still the shared one.
    editor.getState().setDocStatus({ ...ONLINE, online: false, synced: false, unsaved: true });
    expect(status()).toBe("offline");
  });

  it("a flow edited alone (a snapshot) reads Saved from the start", () => {
    expect(createEditorStore(record(), "edit").getState().saveStatus).toBe("saved");
  });
});

const ONLINE = { online: true, synced: true, access: "edit" as const, version: 2, error: null };

/** A second person's editor, joined to the same shared flow. */
function joined(first: EditorStore): EditorStore {
  const second = createEditorStore(record(), "edit", { connected: true });
  Y.applyUpdate(second.getState().shared.doc, Y.encodeStateAsUpdate(first.getState().shared.doc));
  second.getState().setDocStatus({ ...ONLINE, unsaved: false });
  return second;
}

/** Delivers each editor's changes to the other, as the server would. */
function exchange(a: EditorStore, b: EditorStore) {
  const [da, db] = [a.getState().shared.doc, b.getState().shared.doc];
  Y.applyUpdate(db, Y.encodeStateAsUpdate(da, Y.encodeStateVector(db)));
  Y.applyUpdate(da, Y.encodeStateAsUpdate(db, Y.encodeStateVector(da)));
}
