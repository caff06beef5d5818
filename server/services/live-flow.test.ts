import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { producerKind, topicKind, type FlowGraph } from "@/lib/flow";
import { readSyncMessage, syncStep1, syncStep2, updateMessage } from "@/lib/realtime/doc-messages";
import { itemCount } from "@/lib/realtime/doc-epochs";
import { nodesOf, readDocGraph } from "@/lib/realtime/flow-doc";
import { seedFlowDoc } from "@/lib/realtime/flow-doc-write";
import { liveFlow, PAST_EPOCH_KEEP_MS, type DocPeer, type PeerReset } from "./live-flow";

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: producerKind.defaults() },
    { id: "t", kind: "topic", position: { x: 300, y: 0 }, config: topicKind.defaults() },
  ],
  edges: [{ id: "pub", kind: "publishes", source: "p", target: "t" }],
};

function peer(id: string) {
  const resets: PeerReset[] = [];
  const epochs: number[] = [];
  const p: DocPeer = {
    id,
    access: "edit",
    sync: (_message, epoch) => epochs.push(epoch),
    presence: () => {},
    refused: (error) => {
      throw new Error(error);
    },
    saved: () => {},
    reset: (reset) => resets.push(reset),
  };
  return { p, resets, epochs };
}

function setUp(now = () => 0) {
  const doc = new Y.Doc();
  seedFlowDoc(doc, graph, "Flow");
  const live = liveFlow(doc, { changed: () => {} }, { now });
  // A client's copy: its changes reach the server as the designer sends them.
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  const send = (change: () => void, epoch = live.epoch()) => {
    let update: Uint8Array | null = null;
    const keep = (u: Uint8Array) => (update = u);
    client.on("update", keep);
    change();
    client.off("update", keep);
    return live.receiveSync("a", updateMessage(update!), epoch);
  };
  return { live, client, send };
}

describe("the server's live document compacts its history", () => {
  it("past the bound, starts a new epoch of the same content and resets the peers holding the whole old one", () => {
    const { live, client, send } = setUp();
    const [a, b] = [peer("a"), peer("b")];
    live.join(a.p);
    live.join(b.p);
    const first = live.epoch();
    // Only a has answered its step 1: b is still joining and gets its reset from its own step 1.
    live.receiveSync("a", syncStep1(client), first);
    const fresh = itemCount(live.doc);
    for (let i = 0; i < 1000; i++)
      send(() =>
        nodesOf(client)
          .get(i % 2 ? "p" : "t")!
          .set("position", { x: i, y: 0 }),
      );
    expect(live.epoch()).toBe(first);
    expect(itemCount(live.doc)).toBe(fresh + 1000);
    send(() => nodesOf(client).get("p")!.set("position", { x: 7, y: 7 }));

    expect(live.epoch()).toBe(first + 1);
    expect(itemCount(live.doc)).toBe(fresh);
    expect(a.resets.map((r) => [r.epoch, r.from])).toEqual([[first + 1, "live"]]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, a.resets[0].state);
    expect(readDocGraph(copy)).toEqual(readDocGraph(client));
    // With the old epoch's state vector: a's copy (which the server had all of) has nothing to write again.
    const live0 = a.resets[0] as Extract<PeerReset, { from: "live" }>;
    expect(Y.decodeStateVector(live0.stateVector)).toEqual(Y.decodeStateVector(Y.encodeStateVector(client)));
    expect(b.resets).toEqual([]);
    // Every relayed change before the reset was tagged with the epoch it belonged to.
    expect(new Set(b.epochs)).toEqual(new Set([first]));

    // b's step 1 of the old epoch: a reset with that epoch's last state to merge.
    live.receiveSync("b", syncStep1(new Y.Doc()), first);
    expect(b.resets.map((r) => [r.epoch, r.from])).toEqual([[first + 1, "past"]]);
    const past = new Y.Doc();
    Y.applyUpdate(past, (b.resets[0] as Extract<PeerReset, { from: "past" }>).past);
    expect(readDocGraph(past)).toEqual(readDocGraph(client));
  });

  it("drops a change of an ended epoch, and answers a step 1 of an epoch no longer kept with an unknown reset", () => {
    let clock = 0;
    const { live, client, send } = setUp(() => clock);
    const a = peer("a");
    live.join(a.p);
    const first = live.epoch();
    live.compact();
    const before = readDocGraph(live.doc);
    expect(send(() => nodesOf(client).get("p")!.set("label", "late"), first)).toBeNull();
    expect(readDocGraph(live.doc)).toEqual(before);

    clock = PAST_EPOCH_KEEP_MS + 1;
    live.receiveSync("a", syncStep1(client), first);
    expect(a.resets.map((r) => [r.epoch, r.from])).toEqual([[first + 1, "unknown"]]);
  });

  it("a peer caught up by a reset of an ended epoch is reset again at the next compaction", () => {
    const { live } = setUp();
    const [a, b] = [peer("a"), peer("b")];
    live.join(a.p);
    live.join(b.p);
    const first = live.epoch();
    live.compact();
    // b's step 1 of the ended epoch gets that epoch's last state too; a's, of an epoch never kept, does not.
    live.receiveSync("b", syncStep1(new Y.Doc()), first);
    live.receiveSync("a", syncStep1(new Y.Doc()), first - 1);
    expect(b.resets.map((r) => [r.epoch, r.from])).toEqual([[first + 1, "past"]]);
    expect(a.resets.map((r) => [r.epoch, r.from])).toEqual([[first + 1, "unknown"]]);

    // Both now hold the whole present epoch: a compaction resets them to the next one at once.
    live.compact();
    expect(b.resets.map((r) => [r.epoch, r.from])).toEqual([
      [first + 1, "past"],
      [first + 2, "live"],
    ]);
    expect(a.resets.map((r) => [r.epoch, r.from])).toEqual([
      [first + 1, "unknown"],
      [first + 2, "live"],
    ]);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, b.resets[1].state);
    expect(readDocGraph(copy)).toEqual(readDocGraph(live.doc));
  });
});

describe("the server's live document asks a peer for its changes", () => {
  it("sends an editor a step 1 of the present epoch, whose answer brings the changes it lacked; a viewer is not asked", () => {
    const { live, client } = setUp();
    const sent: { peer: string; message: Uint8Array; epoch: number }[] = [];
    const recording = (id: string, access: "edit" | "view"): DocPeer => ({
      ...peer(id).p,
      access,
      sync: (message, epoch) => sent.push({ peer: id, message, epoch }),
    });
    live.join(recording("a", "edit"));
    live.join(recording("v", "view"));
    // A change of a's that never reached the server (dropped on its way).
    nodesOf(client).get("p")!.set("label", "lost on the way");

    live.askForChanges("a");
    live.askForChanges("v");
    expect(sent.map(({ peer, epoch }) => [peer, epoch])).toEqual([["a", live.epoch()]]);
    const asked = readSyncMessage(sent[0].message);
    expect(asked?.type).toBe(0);
    if (asked?.type !== 0) return;
    expect(live.receiveSync("a", syncStep2(client, asked.stateVector), live.epoch())).toBeNull();
    expect(readDocGraph(live.doc)).toEqual(readDocGraph(client));
    expect(readDocGraph(live.doc).nodes[0].label).toBe("lost on the way");
  });
});
