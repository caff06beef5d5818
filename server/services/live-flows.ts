import * as Y from "yjs";
import { ZScenarioList } from "@/lib/scenarios/schema";
import { validateGraph, type FlowGraph } from "@/lib/flow";
import { edgeShapeProblem, nodeShapeProblem } from "@/lib/flow/shape";
import { docName, readDocGraph } from "@/lib/realtime/flow-doc";
import { seedFlowDoc } from "@/lib/realtime/flow-doc-write";
import type { FlowsRepo, StoredFlow } from "../db/flows-repo";
import { liveFlow, PAST_EPOCH_KEEP_MS, type DocPeer, type LiveFlow, type PastEpoch } from "./live-flow";
import { parseStoredGraph } from "./stored-graph";

export interface LiveFlowOptions {
  /** A change is saved at most this long after it was made (one write per interval at most). */
  saveDelayMs: number;
  /** A pause in editing this long closes a stretch of editing: it becomes a revision. */
  revisionPauseMs: number;
}
export const LIVE_FLOW_DEFAULTS: LiveFlowOptions = { saveDelayMs: 1000, revisionPauseMs: 60_000 };
/** Closed documents' last states kept for clients that come back holding them (most, at most). */
const ENDED_KEEP_COUNT = 200;
const ENDED_KEEP_BYTES = 32 * 1024 * 1024;

interface Open {
  live: LiveFlow;
  dirty: boolean;
  saveTimer: ReturnType<typeof setTimeout> | null;
  revisionTimer: ReturnType<typeof setTimeout> | null;
  /** Who changed the flow since its last revision. */
  editors: Set<string>;
  saving: Promise<StoredFlow | null>;
}

/** A stored graph as far as its shape allows: entries of a broken shape are left out. */
function seedable(graph: FlowGraph): FlowGraph {
  const nodes = Array.isArray(graph.nodes) ? graph.nodes.filter((n) => !nodeShapeProblem(n)) : [];
  const edges = Array.isArray(graph.edges) ? graph.edges.filter((e) => !edgeShapeProblem(e)) : [];
  const scenarios = ZScenarioList.safeParse(graph.scenarios);
  return {
    schemaVersion: graph.schemaVersion,
    nodes,
    edges,
    ...(graph.scenarios !== undefined && scenarios.success ? { scenarios: scenarios.data } : {}),
  };
}

/**
 * The shared documents of the flows people have open on this server. A document is loaded
 * from the database when its first peer joins, saved at most `saveDelayMs` after each change,
 * and saved and let go when its last peer leaves. A stretch of editing (until a pause of
 * `revisionPauseMs`, a deploy or the last person leaving) becomes one revision.
 */
export function liveFlows(repo: FlowsRepo, options: LiveFlowOptions = LIVE_FLOW_DEFAULTS) {
  const open = new Map<string, Promise<Open | null>>();
  /** The last epoch of each flow closed here lately (oldest first), for clients that come back with it. */
  const ended = new Map<string, PastEpoch>();
  let writes = 0;
  /** Whether this server may still write the flow (in a cluster: it holds the flow's document lease). */
  let mayWrite: (flowId: string) => boolean = () => true;

  function keepEnded(flowId: string, past: PastEpoch) {
    ended.delete(flowId);
    ended.set(flowId, past);
    let bytes = 0;
    for (const { state } of ended.values()) bytes += state.byteLength;
    for (const [id, { state, atMs }] of ended) {
      const over = ended.size > ENDED_KEEP_COUNT || bytes > ENDED_KEEP_BYTES;
      if (!over && past.atMs - atMs <= PAST_EPOCH_KEEP_MS) break;
      ended.delete(id);
      bytes -= state.byteLength;
    }
  }

  /**
   * Saves the document if it changed. While it has errors (a topic name being typed, a value out
   * of range) it is not saved, as when one person edits alone; `always` saves it regardless (the
   * last person leaving, a shutdown), so no edit is lost: the stored flow then shows its errors.
   */
  async function save(flowId: string, entry: Open, always = false): Promise<StoredFlow | null> {
    if (entry.saveTimer) clearTimeout(entry.saveTimer);
    entry.saveTimer = null;
    const previous = entry.saving;
    entry.saving = previous.then(async (last) => {
      if (!entry.dirty || !mayWrite(flowId)) return last;
      const graph = readDocGraph(entry.live.doc);
      if (!always && validateGraph(graph).issues.some((i) => i.severity === "error")) return last;
      entry.dirty = false;
      const stateVector = Y.encodeStateVector(entry.live.doc);
      const epoch = entry.live.epoch();
      writes++;
      try {
        const row = await repo.saveLive(flowId, {
          graph: JSON.stringify(graph),
          name: docName(entry.live.doc) ?? "",
        });
        if (row) entry.live.saved(row.version, stateVector, epoch);
        return row;
      } catch (error) {
        // Kept in memory and tried again: people keep editing while the database is away.
        console.error(`[live] saving flow ${flowId} failed`, error);
        entry.dirty = true;
        entry.saveTimer ??= setTimeout(() => void save(flowId, entry), options.saveDelayMs);
        return last;
      }
    });
    return entry.saving;
  }

  async function closeStretch(flowId: string, entry: Open, always = false) {
    if (entry.revisionTimer) clearTimeout(entry.revisionTimer);
    entry.revisionTimer = null;
    await save(flowId, entry, always);
    if (entry.editors.size === 0 || !mayWrite(flowId)) return;
    const editors = [...entry.editors];
    entry.editors.clear();
    writes++;
    await repo.addRevision(flowId, { editors });
  }

  function load(flowId: string): Promise<Open | null> {
    const loading = repo.find(flowId).then((row) => {
      if (!row) return null;
      const doc = new Y.Doc({ gc: true });
      seedFlowDoc(doc, seedable(parseStoredGraph(row.graph).graph), row.name);
      const past = ended.get(flowId) ?? null;
      ended.delete(flowId);
      const entry: Open = {
        live: liveFlow(
          doc,
          {
            changed(editor) {
              entry.dirty = true;
              entry.saveTimer ??= setTimeout(() => void save(flowId, entry), options.saveDelayMs);
              if (editor === null) return;
              entry.editors.add(editor);
              if (entry.revisionTimer) clearTimeout(entry.revisionTimer);
              entry.revisionTimer = setTimeout(
                () => void closeStretch(flowId, entry),
                options.revisionPauseMs,
              );
            },
          },
          { past },
        ),
        dirty: false,
        saveTimer: null,
        revisionTimer: null,
        editors: new Set(),
        saving: Promise.resolve(row),
      };
      return entry;
    });
    open.set(flowId, loading);
    return loading;
  }

  return {
    /**
     * Joins a peer to the flow's document (loading it first): its epoch, or null when the flow
     * does not exist. `resync`: the peer holds a copy from a server that went away (see LiveFlow.join).
     */
    async join(flowId: string, peer: DocPeer, resync = false): Promise<number | null> {
      const entry = await (open.get(flowId) ?? load(flowId));
      if (!entry) {
        open.delete(flowId);
        return null;
      }
      entry.live.join(peer, resync);
      return entry.live.epoch();
    },

    /** Lets a peer go; the last one out saves the document, makes a revision and closes it. */
    async leave(flowId: string, peerId: string): Promise<void> {
      const entry = await open.get(flowId);
      if (!entry) return;
      entry.live.leave(peerId);
      if (entry.live.peerCount() > 0) return;
      await closeStretch(flowId, entry, true);
      if (entry.live.peerCount() > 0 || open.get(flowId) === undefined) return;
      open.delete(flowId);
      keepEnded(flowId, entry.live.ending());
      entry.live.close();
    },

    /** The document of a flow if someone has it open here (it is the flow's present). */
    async get(flowId: string): Promise<LiveFlow | null> {
      return (await open.get(flowId))?.live ?? null;
    },

    isOpen: (flowId: string) => open.has(flowId),

    /** Saves now what is not saved yet (before a deploy reads the stored flow, or a REST answer). */
    async flush(flowId: string): Promise<StoredFlow | null> {
      const entry = await open.get(flowId);
      return entry ? save(flowId, entry) : null;
    },

    /** Saves now and closes the stretch of editing as a revision (deploy, a named revision). */
    async closeStretch(flowId: string): Promise<void> {
      const entry = await open.get(flowId);
      if (entry) await closeStretch(flowId, entry);
    },

    /** Drops a flow's document without saving (the flow was deleted). */
    async discard(flowId: string): Promise<void> {
      const entry = await open.get(flowId);
      open.delete(flowId);
      if (!entry) return;
      if (entry.saveTimer) clearTimeout(entry.saveTimer);
      if (entry.revisionTimer) clearTimeout(entry.revisionTimer);
      entry.live.close();
    },

    /** Saves every open document (server shutdown). */
    async flushAll(): Promise<void> {
      await Promise.all(
        [...open.entries()].map(async ([id, loading]) => {
          const entry = await loading;
          if (entry) await closeStretch(id, entry, true);
        }),
      );
    },

    /**
     * Fences the writes (a cluster): a server that lost a flow's document to another (paused past
     * its lease) writes nothing more of it; its editors bring their changes to the new holder.
     */
    fence(check: (flowId: string) => boolean) {
      mayWrite = check;
    },
    openCount: () => open.size,
    /** Database writes made so far (saves and revisions), for the benchmark. */
    writes: () => writes,
  };
}
export type LiveFlows = ReturnType<typeof liveFlows>;
