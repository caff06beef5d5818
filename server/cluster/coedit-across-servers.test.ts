import { isDeepStrictEqual } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { readDocGraph } from "@/lib/realtime/flow-doc";
import { writeGraphChanges } from "@/lib/realtime/flow-doc-write";
import { updateMessage } from "@/lib/realtime/doc-messages";
import type { FlowGraph } from "@/lib/flow";
import { connectDoc } from "@/components/realtime/doc-connection";
import { settled, start, topic, until, type Editor } from "../gateway/testing/coedit-server";
import { coeditCluster, type ServedServer } from "./coedit-servers";
import { DOC_LEASE_MS } from "./test-cluster";

let cluster: Awaited<ReturnType<typeof coeditCluster>>;
beforeAll(async () => {
  cluster = await coeditCluster(connectDoc);
});
afterAll(() => cluster.close());

async function newFlow(server: ServedServer): Promise<string> {
  const created = await server.services.flows.create({ name: "Across", graph: start });
  if (!created.ok) throw new Error(created.body.error);
  return created.value.id;
}
/** The flow as a GET through this server answers it. */
async function stored(server: ServedServer, ref: string): Promise<FlowGraph> {
  const found = await server.services.flows.get(ref);
  if (!found.ok) throw new Error(found.body.error);
  return found.value.graph;
}
/** The names of the people an editor sees here, itself included, in order. */
const names = (editor: Editor) =>
  [...editor.awareness.getStates().values()].map((state) => String(state.user?.name)).sort();
/** This server hears each answer to its requests to join another server's document `ms` late. */
function answerJoinsLate(server: ServedServer, ms: number) {
  const call = server.docs.call.bind(server.docs);
  server.docs.call = async (target, method, params) => {
    const answer = await call(target, method, params);
    if (method === "doc.join") await new Promise((r) => setTimeout(r, ms));
    return answer;
  };
}
const moveP = (g: FlowGraph): FlowGraph => ({
  ...g,
  nodes: g.nodes.map((n) => (n.id === "p" ? { ...n, position: { x: 50, y: 60 } } : n)),
});

describe("co-editing one flow across the servers of a cluster", () => {
  it("editors on two servers see each other's changes, and the saved flow holds both", async () => {
    const [a, b] = [await cluster.serve("co-a"), await cluster.serve("co-b")];
    const id = await newFlow(a);
    const x = await cluster.editor(a, id, "Xia");
    const y = await cluster.editor(b, id, "Yan");
    // One document for the whole cluster: on the server that opened it first.
    expect([a.services.live.isOpen(id), b.services.live.isOpen(id)]).toEqual([true, false]);

    x.edit((g) => ({ ...g, nodes: [...g.nodes, topic("payments", 600)] }));
    y.edit(moveP);
    await until(settled([x, y]));
    const graph = x.graph();
    expect(graph.nodes.map((n) => n.id)).toEqual(["p", "t", "payments"]);
    expect(graph.nodes[0].position).toEqual({ x: 50, y: 60 });
    expect(y.graph()).toEqual(graph);
    await until(async () => isDeepStrictEqual(await stored(b, id), graph));
    expect(await stored(a, id)).toEqual(graph);
    expect(x.refusals).toEqual([]);
    expect(y.refusals).toEqual([]);

    // The holder's own editor leaves first: the document stays for the relayed one, then the
    // relayed socket goes away and the last save lets the document and its lease go.
    x.connection.close();
    y.edit((g) => ({ ...g, nodes: [...g.nodes, topic("last", 900)] }));
    await new Promise((r) => setTimeout(r, 200));
    expect(a.services.live.isOpen(id)).toBe(true);
    y.socket.disconnect();
    await until(() => !a.services.live.isOpen(id));
    expect(await a.docs.ownership.owner(id)).toBeNull();
    expect((await stored(b, id)).nodes.map((n) => n.id)).toEqual(["p", "t", "payments", "last"]);
  });

  it("a view link's socket on the other server sees changes live, and its own changes are refused", async () => {
    const [a, b] = [await cluster.serve("view-a"), await cluster.serve("view-b")];
    const id = await newFlow(a);
    const link = await a.services.regenerateViewLink(id);
    if (!link.ok) throw new Error("no view link");
    const x = await cluster.editor(a, id, "Xia");
    const viewer = await cluster.editor(b, link.value.token, "Viewer");
    expect(viewer.connection.status().access).toBe("view");
    expect(b.services.live.isOpen(id)).toBe(false);
    x.edit((g) => ({ ...g, nodes: [...g.nodes, topic("seen", 1)] }));
    await until(() => viewer.graph().nodes.some((n) => n.id === "seen"));

    // A hand-made change, sent the way an editor would send it, and a presence update.
    const rogue = new Y.Doc();
    Y.applyUpdate(rogue, Y.encodeStateAsUpdate(viewer.doc()));
    let change: Uint8Array | null = null;
    rogue.on("update", (u: Uint8Array) => (change = u));
    writeGraphChanges(rogue, readDocGraph(rogue), { ...readDocGraph(rogue), nodes: [] });
    viewer.socket.emit("doc:sync", {
      flowId: link.value.token,
      epoch: viewer.connection.epoch()!,
      message: updateMessage(change!),
    });
    await until(() => viewer.refusals.length > 0);
    expect(viewer.refusals).toEqual(["This is a view-only link: it cannot change the flow"]);
    await new Promise((r) => setTimeout(r, 300));
    expect(x.graph().nodes.map((n) => n.id)).toEqual(["p", "t", "seen"]);
    await until(async () => (await stored(b, id)).nodes.length === 3);
    expect((await stored(b, id)).nodes.map((n) => n.id)).toEqual(["p", "t", "seen"]);
  });

  it("when the server holding the document dies, an editor on another server rejoins and its unsaved edit is saved", async () => {
    const [a, b] = [await cluster.serve("die-a"), await cluster.serve("die-b")];
    const id = await newFlow(a);
    const x = await cluster.editor(a, id, "Xia");
    const y = await cluster.editor(b, id, "Yan");
    x.edit((g) => ({ ...g, nodes: [...g.nodes, topic("before", 600)] }));
    await until(settled([x, y]));
    await until(async () => (await stored(b, id)).nodes.length === 3);

    // The holder dies: no more answers to requests, no more lease renewals, its sockets drop.
    await a.crash();
    a.gateway.close();
    const epoch = y.connection.epoch();
    y.edit((g) => ({ ...moveP(g), nodes: [...moveP(g).nodes, topic("kept", 900)] }));
    expect(y.connection.status().unsaved).toBe(true);

    // The other server takes the document once the lease runs out, from the database; the
    // editor is sent the new epoch and writes its edit onto it again.
    await until(() => b.services.live.isOpen(id) && y.connection.epoch() !== epoch, 10_000);
    await until(() => !y.connection.status().unsaved, 10_000);
    const graph = y.graph();
    expect(graph.nodes.map((n) => n.id)).toEqual(["p", "t", "before", "kept"]);
    expect(graph.nodes[0].position).toEqual({ x: 50, y: 60 });
    await until(async () => isDeepStrictEqual(await stored(b, id), graph));
    expect(y.refusals).toEqual([]);

    // A newcomer on the surviving server joins the same document and sees everything.
    const z = await cluster.editor(b, id, "Zed");
    expect(z.graph()).toEqual(graph);
  });

  /** `joinAnswerMs`: how late each server hears that its editor has joined the next holder. */
  async function newcomerSeesWhoIsHere(name: string, joinAnswerMs: number) {
    const [a, b, c] = [
      await cluster.serve(`${name}-a`),
      await cluster.serve(`${name}-b`),
      await cluster.serve(`${name}-c`),
    ];
    for (const server of [b, c]) answerJoinsLate(server, joinAnswerMs);
    const id = await newFlow(a);
    await cluster.editor(a, id, "Xia");
    const y = await cluster.editor(b, id, "Yan");
    const z = await cluster.editor(c, id, "Zed");
    await until(() => names(y).includes("Zed"));
    const [yEpoch, zEpoch] = [y.connection.epoch(), z.connection.epoch()];
    await a.crash();
    a.gateway.close();
    // The next holder starts from the database with nobody's presence; each editor it is given
    // says again who it is, without waiting for its presence to be renewed (every 15 s).
    await until(() => y.connection.epoch() !== yEpoch && z.connection.epoch() !== zEpoch, 10_000);
    const newcomer = await cluster.editor(b, id, "Wen");
    await until(() => names(newcomer).includes("Yan") && names(newcomer).includes("Zed"), 2000);
    expect(names(newcomer)).toEqual(["Wen", "Yan", "Zed"]);
  }

  it("after the document moves to another server, a newcomer sees at once who is still here", () =>
    newcomerSeesWhoIsHere("here", 0));

  it("… also when the editors' servers hear late that they joined the next holder", () =>
    newcomerSeesWhoIsHere("here-late", 300));

  /**
   * Server a holds the document and loses its lease while alive; the editors (x on a, y on b)
   * go on with the next holder. `joinAnswerMs`: how late each server hears that its editor has
   * joined the next holder (after that holder has already sent the editor the new epoch).
   */
  async function holderLosesItsLease(name: string, joinAnswerMs: number) {
    const [a, b] = [await cluster.serve(`${name}-a`), await cluster.serve(`${name}-b`)];
    for (const server of [a, b]) answerJoinsLate(server, joinAnswerMs);
    const id = await newFlow(a);
    const x = await cluster.editor(a, id, "Xia");
    const y = await cluster.editor(b, id, "Yan");
    x.edit((g) => ({ ...g, nodes: [...g.nodes, topic("first", 600)] }));
    await until(settled([x, y]));
    await until(async () => (await stored(b, id)).nodes.length === 3);
    const [xEpoch, yEpoch] = [x.connection.epoch(), y.connection.epoch()];

    // Another server takes the lease (and then goes silent, so it runs out): server a is alive
    // and renewing, and finds at its next renewal that the lease is no longer its own.
    await a.redis.set(`${cluster.prefix}lease:doc:${id}`, "elsewhere 1000000", {
      expiration: { type: "PX", value: DOC_LEASE_MS },
    });
    await until(() => !a.docs.ownership.holds(id), 2000);
    x.edit((g) => ({ ...g, nodes: [...g.nodes, topic("from-x", 900)] }));
    y.edit(moveP);
    await new Promise((r) => setTimeout(r, 300));
    // Nobody holds the document meanwhile: nothing is written, and the edits wait in the browsers.
    expect((await stored(b, id)).nodes.map((n) => n.id)).toEqual(["p", "t", "first"]);
    expect(a.services.live.isOpen(id)).toBe(false);

    // Once that lease runs out, the document is taken again from the database, both editors are
    // sent its new epoch and write their edits onto it, and everything is saved.
    await until(() => x.connection.epoch() !== xEpoch && y.connection.epoch() !== yEpoch, 10_000);
    await until(() => !x.connection.status().unsaved && !y.connection.status().unsaved, 10_000);
    await until(settled([x, y]));
    const graph = x.graph();
    expect(graph.nodes.map((n) => n.id)).toEqual(["p", "t", "first", "from-x"]);
    expect(graph.nodes[0].position).toEqual({ x: 50, y: 60 });
    expect(y.graph()).toEqual(graph);
    await until(async () => isDeepStrictEqual(await stored(b, id), graph));
    expect([x.refusals, y.refusals]).toEqual([[], []]);
  }

  it("a holder that loses its lease while alive (as after a pause) writes nothing more; the editors go on with the next holder", () =>
    holderLosesItsLease("lose", 0));

  it("an editor whose server hears late where the document went still has what it wrote onto the new epoch saved", () =>
    holderLosesItsLease("late", 300));

  it("when a relaying server dies, the holder lets its sockets go, and the document and its lease go with the last editor", async () => {
    const [a, b] = [await cluster.serve("relay-a"), await cluster.serve("relay-b")];
    const id = await newFlow(a);
    const x = await cluster.editor(a, id, "Xia");
    const y = await cluster.editor(b, id, "Yan");
    y.edit((g) => ({ ...g, nodes: [...g.nodes, topic("from-b", 600)] }));
    await until(settled([x, y]));
    await b.crash();
    b.gateway.close();
    // Nobody keeps the relayed socket any more: the holder forgets it within 5 s.
    x.connection.close();
    await until(() => !a.services.live.isOpen(id), 10_000);
    expect(await a.docs.ownership.owner(id)).toBeNull();
    expect((await stored(a, id)).nodes.map((n) => n.id)).toEqual(["p", "t", "from-b"]);
  });
});
