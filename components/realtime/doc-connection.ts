import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Socket } from "socket.io-client";
import { readSyncMessage, syncStep1, syncStep2, updateMessage } from "@/lib/realtime/doc-messages";
import type {
  Ack,
  Binary,
  ClientToServerEvents,
  DocJoined,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";

type DocSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Where this browser's copy of the document stands against the server. */
export interface DocStatus {
  /** Connected and joined: changes flow both ways. */
  online: boolean;
  /** The server's state has arrived at least once (before that, there is nothing to edit). */
  synced: boolean;
  access: "view" | "edit" | null;
  /** Some of this browser's changes are not saved by the server yet. */
  unsaved: boolean;
  /** The server's saved version, as last reported. */
  version: number | null;
  /** Why the last change was refused, or why joining failed. */
  error: string | null;
}

const REMOTE = Symbol("from the server");
const bytes = (data: Binary) => (data instanceof Uint8Array ? data : new Uint8Array(data));

/**
 * Keeps a Y.Doc and its awareness in step with the server's copy of one flow over Socket.IO
 * (y-protocols sync and awareness messages). Local changes go out as they happen while online;
 * changes made offline go out in the sync exchange when the connection comes back.
 */
export function connectDoc(
  socket: DocSocket,
  ref: string,
  doc: Y.Doc,
  awareness: awarenessProtocol.Awareness,
  onStatus: (status: DocStatus) => void = () => {},
  /** How long local changes and presence are gathered before they go out (one message each). */
  batchMs = 40,
) {
  let status: DocStatus = {
    online: false,
    synced: false,
    access: null,
    unsaved: false,
    version: null,
    error: null,
  };
  let savedClock = 0;
  const set = (change: Partial<DocStatus>) => {
    status = { ...status, ...change };
    onStatus(status);
  };
  const editing = () => status.online && status.access === "edit";
  const ownClock = () => Y.getState(doc.store, doc.clientID);
  const send = (message: Uint8Array) => socket.emit("doc:sync", { flowId: ref, message });

  function join() {
    socket.emit("doc:join", { flowId: ref }, (answer: Ack<DocJoined>) => {
      if (!answer.ok) return set({ error: answer.error, online: false });
      set({ online: true, access: answer.value.access, error: null });
      // What we have: the server answers with what we lack (step 2), and asks for what it lacks.
      send(syncStep1(doc));
      const local = awareness.getLocalState();
      if (local && answer.value.access === "edit")
        socket.emit("doc:presence", {
          flowId: ref,
          update: awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
        });
    });
  }

  const onSync = ({ flowId, message }: { flowId: string; message: Binary }) => {
    if (flowId !== ref) return;
    const read = readSyncMessage(bytes(message));
    if (!read) return;
    if (read.type === 0) {
      // A viewer has nothing to send; an editor sends what it made meanwhile (offline edits too).
      if (status.access === "edit") send(syncStep2(doc, read.stateVector));
      return;
    }
    Y.applyUpdate(doc, read.update, REMOTE);
    if (read.type === 1 && !status.synced) set({ synced: true });
  };
  const onPresence = ({ flowId, update }: { flowId: string; update: Binary }) => {
    if (flowId === ref) awarenessProtocol.applyAwarenessUpdate(awareness, bytes(update), REMOTE);
  };
  const onSaved = (info: { flowId: string; version: number; stateVector: Binary }) => {
    if (info.flowId !== ref) return;
    savedClock = Math.max(savedClock, Y.decodeStateVector(bytes(info.stateVector)).get(doc.clientID) ?? 0);
    set({ version: info.version, unsaved: ownClock() > savedClock });
  };
  const onRefused = ({ flowId, error }: { flowId: string; error: string }) => {
    if (flowId !== ref) return;
    set({ error });
    // The server undid the change; asking again brings anything else this copy lacks.
    if (status.online) send(syncStep1(doc));
  };
  const onDisconnect = () => {
    // What was waiting to go out goes in the sync exchange when the connection is back.
    outbox = [];
    set({ online: false });
    const others = [...awareness.getStates().keys()].filter((id) => id !== doc.clientID);
    awarenessProtocol.removeAwarenessStates(awareness, others, REMOTE);
  };
  // A drag changes the document every frame: what piles up in one batch goes out as one update.
  let outbox: Uint8Array[] = [];
  let outboxTimer: ReturnType<typeof setTimeout> | null = null;
  const flushOutbox = () => {
    outboxTimer = null;
    const updates = outbox;
    outbox = [];
    if (updates.length && editing())
      send(updateMessage(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)));
  };
  const onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    if (editing()) {
      outbox.push(update);
      outboxTimer ??= setTimeout(flushOutbox, batchMs);
    }
    if (!status.unsaved) set({ unsaved: true, error: null });
  };
  let presenceTimer: ReturnType<typeof setTimeout> | null = null;
  const sendPresence = () => {
    presenceTimer = null;
    if (editing())
      socket.emit("doc:presence", {
        flowId: ref,
        update: awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID]),
      });
  };
  const onAwareness = ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    if (origin === REMOTE || !editing()) return;
    if ([...added, ...updated, ...removed].includes(doc.clientID))
      presenceTimer ??= setTimeout(sendPresence, batchMs);
  };

  socket.on("connect", join);
  socket.on("disconnect", onDisconnect);
  socket.on("doc:sync", onSync);
  socket.on("doc:presence", onPresence);
  socket.on("doc:saved", onSaved);
  socket.on("doc:refused", onRefused);
  doc.on("update", onDocUpdate);
  awareness.on("update", onAwareness);
  if (socket.connected) join();

  return {
    status: () => status,
    /** Leaves the document (the server saves it if this was the last person). */
    close() {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("doc:sync", onSync);
      socket.off("doc:presence", onPresence);
      socket.off("doc:saved", onSaved);
      socket.off("doc:refused", onRefused);
      if (outboxTimer) clearTimeout(outboxTimer);
      flushOutbox();
      if (presenceTimer) clearTimeout(presenceTimer);
      doc.off("update", onDocUpdate);
      awareness.off("update", onAwareness);
      if (socket.connected) socket.emit("doc:leave", { flowId: ref });
    },
  };
}
export type DocConnection = ReturnType<typeof connectDoc>;
