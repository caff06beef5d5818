import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { Socket } from "socket.io-client";
import { readSyncMessage } from "@/lib/realtime/doc-messages";
import type { ClientToServerEvents, ServerToClientEvents } from "@/lib/realtime/protocol";
import { connectDoc } from "./doc-connection";

/** A connected socket that answers a join with edit access and records every change sent. */
function fakeSocket() {
  const sentAt: { atMs: number; update: Uint8Array }[] = [];
  const socket = {
    connected: true,
    on: () => socket,
    off: () => socket,
    emit: (event: string, payload: { message?: Uint8Array }, ack?: (answer: unknown) => void) => {
      if (event === "doc:join") ack?.({ ok: true, value: { access: "edit", epoch: 1 } });
      if (event !== "doc:sync" || !payload.message) return;
      const read = readSyncMessage(payload.message);
      if (read?.type === 2) sentAt.push({ atMs: Date.now(), update: read.update });
    },
  };
  return { socket: socket as unknown as Socket<ServerToClientEvents, ClientToServerEvents>, sentAt };
}

const BATCH_MS = 40;

describe("connectDoc's outgoing changes", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function editor() {
    const { socket, sentAt } = fakeSocket();
    const doc = new Y.Doc();
    const connection = connectDoc(socket, "flow", doc, new Awareness(doc), () => {}, BATCH_MS);
    const set = (key: string, value: number) => connection.doc().getMap("t").set(key, value);
    return { connection, sentAt, set };
  }

  it("sends a change after a quiet spell at once, and what follows within the window together when it ends", () => {
    const { sentAt, set } = editor();
    set("a", 1);
    expect(sentAt.map((s) => s.atMs)).toEqual([0]);
    vi.advanceTimersByTime(10);
    set("b", 2);
    vi.advanceTimersByTime(10);
    set("c", 3);
    expect(sentAt).toHaveLength(1);
    vi.advanceTimersByTime(20);
    expect(sentAt.map((s) => s.atMs)).toEqual([0, 40]);
    const copy = new Y.Doc();
    sentAt.forEach((s) => Y.applyUpdate(copy, s.update));
    expect(copy.getMap("t").toJSON()).toEqual({ a: 1, b: 2, c: 3 });
    // A window that gathered something opens another; an empty one ends the spell.
    vi.advanceTimersByTime(BATCH_MS);
    expect(sentAt).toHaveLength(2);
    set("d", 4);
    expect(sentAt.map((s) => s.atMs)).toEqual([0, 40, 80]);
  });

  it("sends a drag's changes at most once per window", () => {
    const { sentAt, set } = editor();
    for (let frame = 0; frame < 30; frame++) {
      set("x", frame);
      vi.advanceTimersByTime(16);
    }
    vi.advanceTimersByTime(BATCH_MS);
    expect(sentAt.map((s) => s.atMs)).toEqual([0, 40, 80, 120, 160, 200, 240, 280, 320, 360, 400, 440, 480]);
  });

  it("sends what waits when it closes", () => {
    const { connection, sentAt, set } = editor();
    set("a", 1);
    set("b", 2);
    connection.close();
    expect(sentAt).toHaveLength(2);
    vi.advanceTimersByTime(BATCH_MS * 3);
    expect(sentAt).toHaveLength(2);
  });
});
