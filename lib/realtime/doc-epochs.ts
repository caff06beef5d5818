import * as Y from "yjs";
import type { FlowGraph } from "../flow/schema";
import type { DocReset } from "./protocol";
import { docName, readDocGraph, type TouchedEntries } from "./flow-doc";
import { writeFlowName, writeGraphChanges } from "./flow-doc-write";

/**
 * Epochs of a flow's shared document. Yjs keeps one item per change of a field even with
 * garbage collection on (a deleted item stays as a small tombstone while its map lives), so a
 * document open for a long time grows with every edit: about 0.45 KB per moved node on a
 * 500-node flow. The server then compacts it: a fresh document seeded with the same content
 * (a new epoch), to which every client resyncs.
 */

/** Items the document holds, tombstones included. */
export function itemCount(doc: Y.Doc): number {
  let count = 0;
  for (const structs of doc.store.clients.values()) count += structs.length;
  return count;
}

/** Edit history allowed on top of a fresh document's items: a quarter of them… */
export const HISTORY_SHARE = 0.25;
/** …and at least this many (a small flow is not compacted every few edits). */
export const HISTORY_MIN_ITEMS = 1000;

/** Whether a document holding `items` has grown past the bound over `freshItems` (its content alone). */
export function historyOverBound(items: number, freshItems: number): boolean {
  return items - freshItems > Math.max(HISTORY_MIN_ITEMS, Math.ceil(freshItems * HISTORY_SHARE));
}

/** A new epoch's number: random at first (a reopened document never repeats one), then counted. */
export const firstEpoch = () => 1 + Math.floor(Math.random() * 2 ** 31);

/** The flow's content, as a three-way merge of it reads it. */
export interface FlowContent {
  graph: FlowGraph;
  name: string | undefined;
}
export const contentOf = (doc: Y.Doc): FlowContent => ({ graph: readDocGraph(doc), name: docName(doc) });

function docFrom(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  return doc;
}

/** `before` with the nodes, edges and flow fields `touched` names taken as `mine` has them. */
function onlyTouched(before: FlowContent, mine: FlowContent, touched: TouchedEntries): FlowContent {
  const pick = <T extends { id: string }>(base: T[], own: T[], ids: Set<string>): T[] => {
    const ownById = new Map(own.map((item) => [item.id, item]));
    const kept = base.filter((item) => !ids.has(item.id) || ownById.has(item.id));
    const out = kept.map((item) => (ids.has(item.id) ? ownById.get(item.id)! : item));
    const present = new Set(out.map((item) => item.id));
    return [...out, ...own.filter((item) => ids.has(item.id) && !present.has(item.id))];
  };
  const graph: FlowGraph = {
    ...before.graph,
    nodes: pick(before.graph.nodes, mine.graph.nodes, touched.nodes),
    edges: pick(before.graph.edges, mine.graph.edges, touched.edges),
  };
  if (!touched.name) return { graph, name: before.name };
  const { scenarios: _gone, ...rest } = graph;
  return {
    graph: mine.graph.scenarios === undefined ? rest : { ...rest, scenarios: mine.graph.scenarios },
    name: mine.name,
  };
}

/**
 * What a client writes again onto its copy of the new epoch (`next`, holding the reset's state):
 * the change from `before` to `after`, where `after` is its old copy (`old`) with every change of
 * its own (sent or not). `touched` names what its unsaved changes touched (used when the old
 * epoch is no longer known). `old` is not changed.
 */
export function rebaseOf(
  old: Y.Doc,
  next: Y.Doc,
  reset: Pick<DocReset, "from"> & { past?: Uint8Array },
  touched: TouchedEntries,
): { before: FlowContent; after: FlowContent } {
  if (reset.from === "live") return { before: contentOf(next), after: contentOf(old) };
  if (reset.from === "past") {
    const past = reset.past!;
    return { before: contentOf(docFrom(past)), after: contentOf(docFrom(Y.encodeStateAsUpdate(old), past)) };
  }
  const before = contentOf(next);
  return { before, after: onlyTouched(before, contentOf(old), touched) };
}

/** Writes the change from `before` to `after` onto `doc` in one transaction per part. */
export function writeRebase(
  doc: Y.Doc,
  { before, after }: { before: FlowContent; after: FlowContent },
  origin: unknown,
) {
  writeGraphChanges(doc, before.graph, after.graph, origin);
  if (after.name !== undefined && after.name !== before.name) writeFlowName(doc, after.name, origin);
}
