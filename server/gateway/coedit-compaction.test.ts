import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { FlowGraph, FlowNode } from "@/lib/flow";
import { itemCount } from "@/lib/realtime/doc-epochs";
import { readDocGraph } from "@/lib/realtime/flow-doc";
import { connectDoc } from "@/components/realtime/doc-connection";
import { coeditServer, settled, topic, until, type Editor } from "./testing/coedit-server";

const { live, editor, newFlow, stored } = coeditServer(connectDoc);

const moved = (id: string, x: number, y: number) => (g: FlowGraph) => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === id ? { ...n, position: { x, y } } : n)),
});
const added = (node: FlowNode) => (g: FlowGraph) => ({ ...g, nodes: [...g.nodes, node] });
const labelled = (id: string, label: string) => (g: FlowGraph) => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === id ? { ...n, label } : n)),
});

/** Calls `then` right after the editor's next change leaves its socket (before the server reads it). */
function onNextSend(person: Editor, then: () => void) {
  const emit = person.socket.emit.bind(person.socket);
  person.socket.emit = ((event: string, ...args: unknown[]) => {
    const sent = (emit as (e: string, ...a: unknown[]) => unknown)(event, ...args);
    if (event === "doc:sync") {
      person.socket.emit = emit;
      then();
    }
    return sent;
  }) as typeof person.socket.emit;
}

const serverDoc = async (id: string) => (await live.get(id))!;

describe("compacting a long-open shared document", () => {
  it("editors resync to the new epoch and keep every edit, one of them in flight and one not yet sent", async () => {
    const id = await newFlow();
    const [ana, bob] = [await editor(id, "Ana"), await editor(id, "Bob")];
    const first = (await serverDoc(id)).epoch();
    expect(ana.connection.epoch()).toBe(first);

    // Enough history to compact on its own: two nodes moved in turn 1,100 times leave 1,100
    // items behind (one node moved again and again by one person would fold into one).
    for (let i = 1; i <= 1100; i++) bob.edit(moved(i % 2 ? "p" : "t", i, i % 7));
    ana.edit(added(topic("by-ana", 10)));
    await until(settled([ana, bob]));
    const compacted = (await serverDoc(id)).epoch();
    expect(compacted).toBe(first + 1);
    expect(ana.connection.epoch()).toBe(compacted);
    expect(bob.connection.epoch()).toBe(compacted);

    // Ana's change leaves her socket, and the server compacts before reading it (it arrives
    // tagged with the old epoch and is dropped); Bob's change waits in his batch meanwhile.
    onNextSend(ana, () => {
      bob.edit(labelled("t", "Bob's, not sent yet"));
      void serverDoc(id).then((doc) => doc.compact());
    });
    ana.edit(labelled("p", "Ana's, in flight"));
    await until(() => ana.connection.epoch() === compacted + 1 && bob.connection.epoch() === compacted + 1);
    await until(settled([ana, bob]));

    const graph = ana.graph();
    expect(graph.nodes.map((n) => [n.id, n.label, n.position])).toEqual([
      ["p", "Ana's, in flight", { x: 1099, y: 1099 % 7 }],
      ["t", "Bob's, not sent yet", { x: 1100, y: 1100 % 7 }],
      ["by-ana", undefined, { x: 10, y: 100 }],
    ]);
    expect(bob.graph()).toEqual(graph);
    expect(readDocGraph((await serverDoc(id)).doc)).toEqual(graph);
    await until(async () => isDeepStrictEqual(await stored(id), graph));
    // The server's copy holds the content and little more: the 1,100 moves are gone.
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate((await serverDoc(id)).doc));
    expect(itemCount((await serverDoc(id)).doc)).toBeLessThan(itemCount(fresh) + 10);
    expect(itemCount(ana.doc())).toBeLessThan(200);
  });

  it("an editor away during a compaction comes back with its offline edits merged, and nobody else's lost", async () => {
    const id = await newFlow();
    const [ana, bob] = [await editor(id, "Ana"), await editor(id, "Bob")];
    const first = (await serverDoc(id)).epoch();
    bob.socket.disconnect();
    await until(() => !bob.socket.connected);
    bob.edit(labelled("t", "Bob, offline"));
    bob.edit(added(topic("bob-offline", 3)));
    ana.edit(labelled("p", "Ana, meanwhile"));
    await until(settled([ana]));
    (await serverDoc(id)).compact();
    ana.edit(added(topic("ana-after", 4)));
    await until(settled([ana]));

    bob.socket.connect();
    await until(() => bob.connection.epoch() === first + 1);
    await until(settled([ana, bob]));
    const graph = ana.graph();
    expect(graph.nodes.map((n) => [n.id, n.label])).toEqual([
      ["p", "Ana, meanwhile"],
      ["t", "Bob, offline"],
      ["ana-after", undefined],
      ["bob-offline", undefined],
    ]);
    expect(bob.graph()).toEqual(graph);
    await until(async () => isDeepStrictEqual(await stored(id), graph));
  });
});
