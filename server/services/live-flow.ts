import * as Y from "yjs";
import type { FlowGraph } from "@/lib/flow";
import {
  docName,
  edgesOf,
  flowMetaOf,
  nodesOf,
  readDocGraph,
  touchedEntries,
  type TouchedEntries,
} from "@/lib/realtime/flow-doc";
import { docProblem, updateProblem } from "@/lib/realtime/flow-doc-check";
import { seedFlowDoc, writeFlowName, writeGraphChanges } from "@/lib/realtime/flow-doc-write";
import { readSyncMessage, syncStep1, syncStep2, updateMessage } from "@/lib/realtime/doc-messages";
import { firstEpoch, historyOverBound, itemCount } from "@/lib/realtime/doc-epochs";
import type { DocReset } from "@/lib/realtime/protocol";
import type { Access } from "./access";
import { docPresence } from "./doc-presence";

/** One connection to a flow's document: how the document reaches it. Knows nothing of sockets. */
export interface DocPeer {
  id: string;
  access: Access;
  sync(message: Uint8Array, epoch: number): void;
  presence(update: Uint8Array): void;
  /** A change from this peer was refused and taken back out; it should resync. */
  refused(error: string): void;
  /** The document (of `epoch`) was saved as `version`, including every change the state vector counts. */
  saved(version: number, stateVector: Uint8Array, epoch: number): void;
  /** A new epoch of the document replaces the peer's copy. */
  reset(reset: PeerReset): void;
}
/** A reset as the server makes it (`DocReset` without the reference the peer has). */
export type PeerReset = { epoch: number; state: Uint8Array } & (
  | { from: "live"; stateVector: Uint8Array }
  | { from: Exclude<DocReset["from"], "past" | "live"> }
  | { from: "past"; past: Uint8Array }
);

/** The last whole state of an epoch that ended (compacted, or closed when everyone left). */
export interface PastEpoch {
  epoch: number;
  state: Uint8Array;
  atMs: number;
}
/** How long an ended epoch is kept for clients that come back holding it. */
export const PAST_EPOCH_KEEP_MS = 10 * 60_000;

export interface LiveFlowHooks {
  /**
   * Called after every change to the document, with who made it ("API" for a REST save), or
   * null for a refused change and its undoing (nothing to keep, but saving it tells the sender
   * where it stands).
   */
  changed(editor: string | null): void;
}

export interface LiveFlowOptions {
  /** The epoch this document follows (it was closed and reopened), if still kept. */
  past?: PastEpoch | null;
  /** Compacts the document when its edit history passes the bound (off: only by hand). */
  compact?: boolean;
  now?: () => number;
}

const VIEW_ONLY = "This is a view-only link: it cannot change the flow";
/** The origin of changes under check: the guard below can take exactly those back. */
const CHECKING = Symbol("change under check");
const SERVER = Symbol("server");

/**
 * A flow's shared document while anyone has it open: applies each peer's changes after
 * checking the result (shape and limits), takes refused ones back out, and relays accepted
 * changes and presence to the other peers. When its edit history passes the bound, it is
 * compacted into a fresh document of the same content (a new epoch) that every peer resyncs to.
 */
export function liveFlow(seeded: Y.Doc, hooks: LiveFlowHooks, options: LiveFlowOptions = {}) {
  const now = options.now ?? Date.now;
  const peers = new Map<string, DocPeer>();
  /** Peers whose copy holds the whole present epoch (their step 1 of it was answered). */
  const inStep = new Set<string>();
  const presence = docPresence(seeded, () => peers.values());
  let doc = seeded;
  let epoch = firstEpoch();
  let past: PastEpoch | null = options.past ?? null;
  let freshItems = itemCount(doc);
  let captured: Uint8Array[] = [];
  let touched: TouchedEntries = { nodes: new Set(), edges: new Set(), name: false };
  const onUpdate = (update: Uint8Array) => captured.push(update);
  const onTransaction = (tr: Y.Transaction) => {
    const now = touchedEntries(doc, tr);
    now.nodes.forEach((id) => touched.nodes.add(id));
    now.edges.forEach((id) => touched.edges.add(id));
    touched.name ||= now.name;
  };
  /** Listens to the document and guards it: the guard can take back exactly the change under check. */
  function bind(target: Y.Doc) {
    target.on("update", onUpdate);
    target.on("afterTransaction", onTransaction);
    return new Y.UndoManager([nodesOf(target), edgesOf(target), flowMetaOf(target)], {
      trackedOrigins: new Set([CHECKING]),
      captureTimeout: 0,
    });
  }
  let guard = bind(doc);

  /** Runs a change, then sends what it did to everyone but `except`; false when it did nothing. */
  function relay(change: () => void, except: DocPeer | null): boolean {
    captured = [];
    touched = { nodes: new Set(), edges: new Set(), name: false };
    change();
    if (captured.length === 0) return false;
    const message = updateMessage(captured.length === 1 ? captured[0] : Y.mergeUpdates(captured));
    captured = [];
    for (const peer of peers.values()) if (peer !== except) peer.sync(message, epoch);
    return true;
  }

  /**
   * A fresh document with the same content replaces this one: the old epoch's last state is
   * kept a while for peers that come back holding it, and every peer holding the whole old epoch
   * gets the new one at once (the others get it when their step 1 arrives).
   */
  function compact() {
    const next = new Y.Doc({ gc: true });
    seedFlowDoc(next, readDocGraph(doc), docName(doc) ?? "");
    past = { epoch, state: Y.encodeStateAsUpdate(doc), atMs: now() };
    const stateVector = Y.encodeStateVector(doc);
    doc.off("update", onUpdate);
    doc.off("afterTransaction", onTransaction);
    guard.destroy();
    doc = next;
    presence.follow(next);
    guard = bind(next);
    epoch++;
    freshItems = itemCount(next);
    const state = Y.encodeStateAsUpdate(next);
    for (const peer of peers.values())
      if (inStep.has(peer.id)) peer.reset({ epoch, state, from: "live", stateVector });
  }

  /** The answer to a step 1 of an ended epoch: the present one, and that epoch's last state if kept. */
  function resetFrom(peer: DocPeer, old: number) {
    const state = Y.encodeStateAsUpdate(doc);
    if (past && now() - past.atMs > PAST_EPOCH_KEEP_MS) past = null;
    if (past?.epoch === old) peer.reset({ epoch, state, from: "past", past: past.state });
    else peer.reset({ epoch, state, from: "unknown" });
    inStep.add(peer.id); // it now holds the whole present epoch: the next compaction resets it too
  }

  function receiveUpdate(peer: DocPeer, update: Uint8Array) {
    if (peer.access !== "edit") return peer.refused(VIEW_ONLY);
    const early = updateProblem(update);
    if (early) return peer.refused(`Change refused: ${early}`);
    let problem: string | null = null;
    const changed = relay(() => {
      try {
        Y.applyUpdate(doc, update, CHECKING);
        problem = docProblem(doc, touched);
      } catch {
        problem = "the change could not be read";
      }
      if (problem) guard.undo();
      guard.clear();
      // A refused change reaches everyone together with its undoing, so nobody keeps it.
    }, null);
    if (problem) peer.refused(`Change refused: ${problem}`);
    // An answer with nothing new (a step 2 with nothing missing) is not an edit.
    if (changed) hooks.changed(problem ? null : presence.nameOf(peer));
    if (changed && options.compact !== false && historyOverBound(itemCount(doc), freshItems)) compact();
  }

  return {
    get doc() {
      return doc;
    },
    epoch: () => epoch,
    peerCount: () => peers.size,
    compact,
    /** The present epoch's last state, kept when the document closes for peers that come back. */
    ending: (): PastEpoch => ({ epoch, state: Y.encodeStateAsUpdate(doc), atMs: now() }),

    /** Adds a peer and tells it who is here; the sync starts with the peer's step 1. A peer back
     *  from a server that went away (`resync`) is sent the present epoch at once, to write onto. */
    join(peer: DocPeer, resync = false) {
      peers.set(peer.id, peer);
      presence.greet(peer);
      if (!resync) return;
      inStep.add(peer.id);
      peer.reset({ epoch, state: Y.encodeStateAsUpdate(doc), from: "unknown" });
    },

    /**
     * Asks an editing peer for whatever of its own changes this document lacks (a step 1 of the
     * present epoch; its answer is a change like any other). For a peer back from a server that
     * went away: what it wrote onto its reset may have been sent before its server knew where
     * the document is now.
     */
    askForChanges(peerId: string) {
      const peer = peers.get(peerId);
      if (peer?.access === "edit") peer.sync(syncStep1(doc), epoch);
    },

    leave(peerId: string) {
      const peer = peers.get(peerId);
      if (!peer) return;
      peers.delete(peerId);
      inStep.delete(peerId);
      presence.leave(peer);
    },

    /**
     * One y-protocols sync message of `of` epoch from a peer; returns an error for a malformed one.
     * A step 1 of an ended epoch is answered with a reset; other messages of one are dropped (the
     * peer writes their content again onto the new epoch when its reset arrives).
     */
    receiveSync(peerId: string, message: Uint8Array, of: number): string | null {
      const peer = peers.get(peerId);
      if (!peer) return "Join the flow's document first";
      const read = readSyncMessage(message);
      if (!read) return "Malformed message: not a Yjs sync message";
      if (of !== epoch) {
        if (read.type === 0) resetFrom(peer, of);
        return null;
      }
      if (read.type !== 0) {
        // Same path for a sync step 2 and an update: both are changes to check.
        receiveUpdate(peer, read.update);
        return null;
      }
      try {
        // What it lacks, then what we have: an editor answers with what we lack (offline edits,
        // or a change a limit made it drop).
        peer.sync(syncStep2(doc, read.stateVector), epoch);
        inStep.add(peerId);
        if (peer.access === "edit") peer.sync(syncStep1(doc), epoch);
        return null;
      } catch {
        return "Malformed message: not a Yjs state vector";
      }
    },
    /** One awareness update from a peer: presence of the people on its connection only. */
    receivePresence(peerId: string, update: Uint8Array): string | null {
      const peer = peers.get(peerId);
      if (!peer) return "Join the flow's document first";
      if (peer.access !== "edit") return VIEW_ONLY;
      return presence.receive(peer, update);
    },

    /**
     * Merges a change made elsewhere (a REST save or a restore) from `before` to `after` into
     * the document; everyone sees it at once.
     */
    merge(before: FlowGraph, after: FlowGraph, name: string | undefined, editor: string) {
      const changed = relay(() => {
        writeGraphChanges(doc, before, after, SERVER);
        if (name !== undefined) writeFlowName(doc, name, SERVER);
      }, null);
      if (changed) hooks.changed(editor);
    },

    /** Tells everyone the document (of `of` epoch, read before the write) was saved. */
    saved(version: number, stateVector: Uint8Array, of: number) {
      // Saved from an epoch since compacted: the next save tells where the new one stands.
      if (of !== epoch) return;
      for (const peer of peers.values()) peer.saved(version, stateVector, epoch);
    },

    close() {
      doc.off("update", onUpdate);
      doc.off("afterTransaction", onTransaction);
      guard.destroy();
      presence.close();
      doc.destroy();
    },
  };
}
export type LiveFlow = ReturnType<typeof liveFlow>;
