import * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import type { Socket } from "socket.io-client";
import { readSyncMessage, syncStep1, syncStep2, updateMessage } from "@/lib/realtime/doc-messages";
import { rebaseOf, writeRebase } from "@/lib/realtime/doc-epochs";
import { touchedEntries, type TouchedEntries } from "@/lib/realtime/flow-doc";
import type {
  Ack,
  Binary,
  ClientToServerEvents,
  DocJoined,
  DocReset,
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
/** This copy's own changes written again onto a new epoch of the document. */
const REBASED = Symbol("written again onto a new epoch");
const bytes = (data: Binary) => (data instanceof Uint8Array ? data : new Uint8Array(data));
const noneTouched = (): TouchedEntries => ({ nodes: new Set(), edges: new Set(), name: false });

/**
 * Keeps a Y.Doc and its awareness in step with the server's copy of one flow over Socket.IO
 * (y-protocols sync and awareness messages). Local changes go out as they happen while online;
 * changes made offline go out in the sync exchange when the connection comes back.
 *
 * When the server starts a new epoch of the document (it compacted it, or reopened it while this
 * copy was away), the copy is replaced by a new Y.Doc holding the new epoch, with this copy's own
 * changes written onto it again; `onReplace` hands it to the owner (its undo history starts over).
 */
export function connectDoc(
  socket: DocSocket,
  ref: string,
  initial: Y.Doc,
  awareness: awarenessProtocol.Awareness,
  onStatus: (status: DocStatus) => void = () => {},
  /** How long local changes and presence are gathered before they go out (one message each). */
  batchMs = 40,
  onReplace: (next: Y.Doc) => void = () => {},
) {
  let doc = initial;
  /** The epoch this copy belongs to (null until the first join answers). */
  let epoch: number | null = null;
  /** What this copy's unsaved changes touched; carried: unsaved changes of the epoch before. */
  let touched = noneTouched();
  let carried = false;
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
  const send = (message: Uint8Array) => socket.emit("doc:sync", { flowId: ref, epoch: epoch ?? 0, message });

  function join() {
    socket.emit("doc:join", { flowId: ref }, (answer: Ack<DocJoined>) => {
      if (!answer.ok) return set({ error: answer.error, online: false });
      // A copy of an older epoch keeps it: its step 1 of it asks the server for a reset.
      if (epoch === null || !status.synced) epoch = answer.value.epoch;
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

  const onSync = ({ flowId, epoch: of, message }: { flowId: string; epoch: number; message: Binary }) => {
    if (flowId !== ref || of !== epoch) return;
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
  const onSaved = (info: { flowId: string; epoch: number; version: number; stateVector: Binary }) => {
    if (info.flowId !== ref || info.epoch !== epoch) return;
    savedClock = Math.max(savedClock, Y.decodeStateVector(bytes(info.stateVector)).get(doc.clientID) ?? 0);
    carried = false;
    if (ownClock() <= savedClock) touched = noneTouched();
    set({ version: info.version, unsaved: ownClock() > savedClock });
  };
  /** A new epoch replaces this copy; this copy's own changes are written onto it again. */
  const onReset = (reset: DocReset) => {
    if (reset.flowId !== ref || (reset.epoch === epoch && status.synced)) return;
    const next = new Y.Doc();
    next.clientID = doc.clientID;
    Y.applyUpdate(next, bytes(reset.state), REMOTE);
    const past = reset.from === "past" ? bytes(reset.past) : undefined;
    // After a compaction, a copy whose own changes the server had all holds the new content already.
    const allThere =
      reset.from === "live" &&
      (Y.decodeStateVector(bytes(reset.stateVector)).get(doc.clientID) ?? 0) >= ownClock();
    const rebase =
      status.synced && status.access === "edit" && !allThere
        ? rebaseOf(doc, next, { from: reset.from, past }, touched)
        : null;
    outbox = [];
    carried = status.unsaved;
    unbind(doc);
    doc = next;
    epoch = reset.epoch;
    savedClock = 0;
    touched = noneTouched();
    awareness.doc = next;
    bind(next);
    onReplace(next);
    if (rebase) writeRebase(next, rebase, REBASED);
    set({ synced: true, unsaved: carried || ownClock() > 0 });
    // A reset not from a compaction comes from a server that did not have this copy's epoch (the
    // document moved to another server, say): it has not heard this person's presence yet.
    if (reset.from !== "live") presenceTimer ??= setTimeout(sendPresence, batchMs);
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
  // A drag changes the document every frame. A change after a quiet spell goes out at once; what
  // piles up in the batchMs after it goes out together, as one update, when they are over.
  let outbox: Uint8Array[] = [];
  let outboxTimer: ReturnType<typeof setTimeout> | null = null;
  /** Sends what piled up; true when there was something. */
  const sendOutbox = () => {
    const updates = outbox;
    outbox = [];
    if (updates.length && editing())
      send(updateMessage(updates.length === 1 ? updates[0] : Y.mergeUpdates(updates)));
    return updates.length > 0;
  };
  /** A batch window ends: what piled up in it goes out and opens the next; none, and the spell is quiet. */
  const windowEnds = () => {
    outboxTimer = sendOutbox() ? setTimeout(windowEnds, batchMs) : null;
  };
  const onTransaction = (transaction: Y.Transaction) => {
    if (transaction.origin === REMOTE || !transaction.local) return;
    const now = touchedEntries(doc, transaction);
    now.nodes.forEach((id) => touched.nodes.add(id));
    now.edges.forEach((id) => touched.edges.add(id));
    touched.name ||= now.name;
  };
  const onDocUpdate = (update: Uint8Array, origin: unknown) => {
    if (origin === REMOTE) return;
    if (editing()) {
      outbox.push(update);
      if (!outboxTimer) windowEnds();
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
  socket.on("doc:reset", onReset);
  function bind(target: Y.Doc) {
    target.on("update", onDocUpdate);
    target.on("afterTransaction", onTransaction);
  }
  function unbind(target: Y.Doc) {
    target.off("update", onDocUpdate);
    target.off("afterTransaction", onTransaction);
  }
  bind(doc);
  awareness.on("update", onAwareness);
  if (socket.connected) join();

  return {
    status: () => status,
    /** The copy of the document this connection keeps now (replaced at a new epoch). */
    doc: () => doc,
    epoch: () => epoch,
    /** Leaves the document (the server saves it if this was the last person). */
    close() {
      socket.off("connect", join);
      socket.off("disconnect", onDisconnect);
      socket.off("doc:sync", onSync);
      socket.off("doc:presence", onPresence);
      socket.off("doc:saved", onSaved);
      socket.off("doc:refused", onRefused);
      socket.off("doc:reset", onReset);
      if (outboxTimer) clearTimeout(outboxTimer);
      sendOutbox();
      if (presenceTimer) clearTimeout(presenceTimer);
      unbind(doc);
      awareness.off("update", onAwareness);
      if (socket.connected) socket.emit("doc:leave", { flowId: ref });
    },
  };
}
export type DocConnection = ReturnType<typeof connectDoc>;
