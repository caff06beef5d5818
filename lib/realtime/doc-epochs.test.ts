import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { producerKind, topicKind, type FlowGraph } from "../flow";
import { historyOverBound, itemCount, rebaseOf, writeRebase } from "./doc-epochs";
import { nodesOf, readDocGraph } from "./flow-doc";
import { seedFlowDoc, writeGraphChanges } from "./flow-doc-write";

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: producerKind.defaults() },
    { id: "t", kind: "topic", position: { x: 300, y: 0 }, config: topicKind.defaults() },
  ],
  edges: [{ id: "pub", kind: "publishes", source: "p", target: "t" }],
};
const seeded = () => {
  const doc = new Y.Doc();
  seedFlowDoc(doc, graph, "Flow");
  return doc;
};
const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};
const relabel = (doc: Y.Doc, id: string, label: string) => {
  const before = readDocGraph(doc);
  writeGraphChanges(doc, before, {
    ...before,
    nodes: before.nodes.map((n) => (n.id === id ? { ...n, label } : n)),
  });
};
const none = () => ({ nodes: new Set<string>(), edges: new Set<string>(), name: false });

describe("the compaction bound", () => {
  it("allows history of a quarter of the fresh document's items, and at least 1,000", () => {
    expect(historyOverBound(20_000 + 5000, 20_000)).toBe(false);
    expect(historyOverBound(20_000 + 5001, 20_000)).toBe(true);
    expect(historyOverBound(100 + 1000, 100)).toBe(false);
    expect(historyOverBound(100 + 1001, 100)).toBe(true);
  });

  it("counts one item per field change that stays behind, so moving nodes in turn reaches it", () => {
    const doc = seeded();
    const fresh = itemCount(doc);
    for (let i = 0; i < 1001; i++)
      nodesOf(doc)
        .get(i % 2 ? "p" : "t")!
        .set("position", { x: i, y: 0 });
    expect(itemCount(doc)).toBe(fresh + 1001);
    expect(historyOverBound(itemCount(doc), fresh)).toBe(true);
    // The same content, seeded afresh, is back to the fresh count.
    const again = new Y.Doc();
    seedFlowDoc(again, readDocGraph(doc), "Flow");
    expect(itemCount(again)).toBe(fresh);
  });

  it("keeps a run of one person's moves of one node as one item: a drag does not bring it nearer", () => {
    const server = seeded();
    const editor = copyOf(server);
    editor.on("update", (update: Uint8Array) => Y.applyUpdate(server, update));
    const fresh = itemCount(server);
    const move = (id: string, x: number) => nodesOf(editor).get(id)!.set("position", { x, y: 0 });
    // A drag of "p" (each move its own change, as the designer sends them), then one of "t".
    for (let x = 1; x <= 1000; x++) move("p", x);
    for (let x = 1; x <= 1000; x++) move("t", x);
    // Per node: the position it was seeded with (another person's, so it does not merge), and the run.
    expect(itemCount(server)).toBe(fresh + 4);
    expect(itemCount(editor)).toBe(fresh + 4);
    expect(nodesOf(server).get("p")!.get("position")).toEqual({ x: 1000, y: 0 });
    // Moves that alternate between the two nodes each stay an item (the test above), but for the
    // first of each node, which lets its run's last item (live until then) join the run.
    for (let x = 1; x <= 10; x++) move(x % 2 ? "p" : "t", x);
    expect(itemCount(server)).toBe(fresh + 4 + 10 - 2);
  });
});

describe("rewriting a copy's own changes onto a new epoch", () => {
  it("live: the change from the new epoch's content to the old copy", () => {
    const server = seeded();
    const mine = copyOf(server);
    relabel(mine, "p", "mine");
    const next = new Y.Doc();
    seedFlowDoc(next, readDocGraph(server), "Flow");
    writeRebase(next, rebaseOf(mine, next, { from: "live" }, none()), "me");
    expect(readDocGraph(next)).toEqual(readDocGraph(mine));
  });

  it("past: merges the old epoch's last state, so what the copy missed is not taken back", () => {
    const server = seeded();
    const mine = copyOf(server);
    relabel(mine, "p", "mine, offline");
    relabel(server, "t", "theirs, meanwhile");
    const next = new Y.Doc();
    seedFlowDoc(next, readDocGraph(server), "Flow");
    relabel(next, "t", "theirs, after the compaction");
    const past = Y.encodeStateAsUpdate(server);
    writeRebase(next, rebaseOf(mine, next, { from: "past", past }, none()), "me");
    expect(readDocGraph(next).nodes.map((n) => n.label)).toEqual([
      "mine, offline",
      "theirs, after the compaction",
    ]);
    expect(readDocGraph(mine).nodes.map((n) => n.label)).toEqual(["mine, offline", undefined]);
  });

  it("unknown: only what the copy's unsaved changes touched is written again", () => {
    const server = seeded();
    const mine = copyOf(server);
    relabel(mine, "p", "mine");
    relabel(server, "t", "theirs");
    const next = new Y.Doc();
    seedFlowDoc(next, readDocGraph(server), "Flow");
    const touched = { nodes: new Set(["p"]), edges: new Set<string>(), name: false };
    writeRebase(next, rebaseOf(mine, next, { from: "unknown" }, touched), "me");
    expect(readDocGraph(next).nodes.map((n) => n.label)).toEqual(["mine", "theirs"]);
  });
});
