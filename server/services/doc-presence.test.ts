import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from "y-protocols/awareness";
import { docPresence } from "./doc-presence";
import type { DocPeer } from "./live-flow";

/** A peer that records the presence updates sent to it. */
function peer(id: string) {
  const got: Uint8Array[] = [];
  const p: DocPeer = {
    id,
    access: "edit",
    sync: () => {},
    presence: (update) => got.push(update),
    refused: () => {},
    saved: () => {},
    reset: () => {},
  };
  return { p, got };
}
/** A browser's presence: an awareness with this client id saying who it is. */
function person(clientId: number, name: string) {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  const awareness = new Awareness(doc);
  awareness.setLocalState({ user: { name, colour: "#2563eb" } });
  return encodeAwarenessUpdate(awareness, [clientId]);
}
/** The names a peer knows of, from every presence update it was sent. */
function namesSeen(got: Uint8Array[]) {
  const copy = new Awareness(new Y.Doc());
  copy.setLocalState(null);
  got.forEach((update) => applyAwarenessUpdate(copy, update, "test"));
  return [...copy.getStates().values()].map((s) => (s as { user: { name: string } }).user.name).sort();
}

describe("the presence of the people on a flow's document", () => {
  it("relays what one peer says to the others, greets a newcomer with who is here, and names each peer's person", () => {
    const [a, b, c] = [peer("a"), peer("b"), peer("c")];
    const joined = [a.p, b.p];
    const presence = docPresence(new Y.Doc(), () => joined);
    expect(presence.nameOf(a.p)).toBe("Someone");

    expect(presence.receive(a.p, person(11, "Ana"))).toBeNull();
    expect(presence.receive(b.p, person(12, "Ben"))).toBeNull();
    expect(a.got.length).toBe(1);
    expect(namesSeen(a.got)).toEqual(["Ben"]);
    expect(namesSeen(b.got)).toEqual(["Ana"]);
    expect([presence.nameOf(a.p), presence.nameOf(b.p)]).toEqual(["Ana", "Ben"]);

    presence.greet(c.p);
    expect(namesSeen(c.got)).toEqual(["Ana", "Ben"]);
  });

  it("refuses a peer speaking for someone else's person, or for more than four people, and a malformed update", () => {
    const [a, b] = [peer("a"), peer("b")];
    const presence = docPresence(new Y.Doc(), () => [a.p, b.p]);
    expect(presence.receive(a.p, person(11, "Ana"))).toBeNull();

    expect(presence.receive(b.p, person(11, "Not Ana"))).toBe("Not your presence");
    for (const id of [21, 22, 23]) expect(presence.receive(b.p, person(id, `B${id}`))).toBeNull();
    expect(presence.receive(b.p, person(24, "B24"))).toBeNull();
    expect(presence.receive(b.p, person(25, "B25"))).toBe("Too many people on one connection");
    expect(presence.receive(b.p, new Uint8Array([1, 2, 3]))).toBe("Malformed message: not a presence update");
    expect(presence.nameOf(a.p)).toBe("Ana");
  });

  it("takes the people of a peer that leaves away from the others", () => {
    const [a, b] = [peer("a"), peer("b")];
    const joined = [a.p, b.p];
    const presence = docPresence(new Y.Doc(), () => joined);
    presence.receive(a.p, person(11, "Ana"));
    presence.receive(b.p, person(12, "Ben"));

    joined.splice(0, 1);
    presence.leave(a.p);
    expect(namesSeen(b.got)).toEqual([]);
    const c = peer("c");
    presence.greet(c.p);
    expect(namesSeen(c.got)).toEqual(["Ben"]);
  });
});
