import { describe, expect, it } from "vitest";
import { emptyGraph, type FlowGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";
import { createEditorStore } from "./create-editor-store";

const record = (access: FlowRecord["access"], graph: FlowGraph = emptyGraph()): FlowRecord => ({
  id: "f1",
  access,
  name: "Test",
  version: 1,
  graph,
  issues: [],
  createdAt: "",
  updatedAt: "",
});

function sampleGraph(): FlowGraph {
  const store = createEditorStore(record("edit"));
  const s = store.getState;
  const p = s().addNode("producer", { x: 0, y: 0 });
  const t = s().addNode("topic", { x: 300, y: 0 });
  s().connect(p.id, t.id);
  return s().graph;
}

describe("editor store: read-only modes", () => {
  it("takes its mode from the record's access, or from the caller", () => {
    expect(createEditorStore(record("edit")).getState()).toMatchObject({
      shareMode: "edit",
      readOnly: false,
    });
    expect(createEditorStore(record("view")).getState()).toMatchObject({ shareMode: "view", readOnly: true });
    expect(createEditorStore(record("view"), "snapshot").getState()).toMatchObject({
      shareMode: "snapshot",
      readOnly: true,
    });
  });

  it("changes nothing in a read-only flow, whatever is asked", () => {
    const graph = sampleGraph();
    const store = createEditorStore(record("view", graph));
    const s = store.getState;
    const [producer, topic] = graph.nodes;
    s().select([producer.id], []);
    s().deleteSelection();
    s().moveNodes(new Map([[producer.id, { x: 99, y: 99 }]]), false);
    s().finishDrag();
    s().updateNode(producer.id, (n) => ({ ...n, label: "changed" }));
    expect(s().connect(topic.id, producer.id)).toBeNull();
    s().copy();
    s().paste();
    s().duplicate();
    s().commitGraph(emptyGraph());
    s().rename("Other");
    s().undo();
    expect(() => s().addNode("consumer", { x: 0, y: 0 })).toThrow(/view-only/);
    expect(s().graph).toBe(graph);
    expect(s().name).toBe("Test");
    expect(s().canUndo).toBe(false);
    // Looking around still works.
    expect(s().selectedNodeIds.has(producer.id)).toBe(true);
  });
});
