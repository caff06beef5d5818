import * as Y from "yjs";
import type { FlowEdge, FlowGraph, FlowNode } from "../flow/schema";
import { SCHEMA_VERSION } from "../flow/schema";
import { sameJson } from "../flow/diff";

/**
 * The shared document of one flow (Yjs). Layout:
 *   nodes: Y.Map<id, Y.Map>  kind, position ({x, y}, one value), label?, rank, config (Y.Map; its
 *                            plain objects are Y.Maps too, so two people can change two fields of
 *                            one node, or two retry settings, without one overwriting the other)
 *   edges: Y.Map<id, Y.Map>  kind, source, target, rank, filter? (one value)
 *   flow:  Y.Map             name, scenarios? (the flow's scenarios as one value: a scenario is
 *                            edited as a whole, so the last writer of one wins, as with a filter)
 * Nodes and edges are kept in a map by id, so an id can never be held twice; their order in the
 * graph is by `rank` (then id), which every replica reads the same way.
 */
export type FlowDoc = Y.Doc;
type Entry = Y.Map<unknown>;

export const nodesOf = (doc: Y.Doc) => doc.getMap<Entry>("nodes");
export const edgesOf = (doc: Y.Doc) => doc.getMap<Entry>("edges");
export const flowMetaOf = (doc: Y.Doc) => doc.getMap<unknown>("flow");
/** The names of the document's top-level types; an update that adds any other is refused. */
export const FLOW_DOC_ROOTS = ["nodes", "edges", "flow"] as const;

/** The flow's name as the document holds it (undefined before the first sync). */
export function docName(doc: Y.Doc): string | undefined {
  const name = flowMetaOf(doc).get("name");
  return typeof name === "string" ? name : undefined;
}

const rankOf = (entry: Entry) => {
  const rank = entry.get("rank");
  return typeof rank === "number" ? rank : 0;
};

/** One node as plain JSON, read from its entry. */
export function readNode(id: string, entry: Entry): FlowNode {
  const out: Record<string, unknown> = { id };
  for (const [key, value] of entry.entries()) {
    if (key === "rank") continue;
    out[key] = value instanceof Y.AbstractType ? value.toJSON() : value;
  }
  return out as unknown as FlowNode;
}

/** One edge as plain JSON, read from its entry. */
export function readEdge(id: string, entry: Entry): FlowEdge {
  return readNode(id, entry) as unknown as FlowEdge;
}

/** The entries of `map` in graph order: by rank, then id (each rank read once). */
function ordered(map: Y.Map<Entry>): [string, Entry][] {
  const ranked = [...map.entries()].map(([id, entry]) => ({ id, entry, rank: rankOf(entry) }));
  ranked.sort((a, b) => a.rank - b.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked.map(({ id, entry }) => [id, entry]);
}

/**
 * `ordered(map)`, kept from one rebuild to the next until an entry comes, goes or changes rank
 * (`touched` is told of every entry a transaction changed): a moved node does not sort 500 again.
 */
function orderKeeper(map: Y.Map<Entry>) {
  let ids: string[] | null = null;
  const ranks = new Map<string, number>();
  return {
    ordered(): [string, Entry][] {
      if (ids) return ids.map((id) => [id, map.get(id)!]);
      const all = ordered(map);
      ranks.clear();
      for (const [id, entry] of all) ranks.set(id, rankOf(entry));
      ids = all.map(([id]) => id);
      return all;
    },
    touched(id: string) {
      const entry = map.get(id);
      if (ids && (entry === undefined ? ranks.has(id) : ranks.get(id) !== rankOf(entry))) ids = null;
    },
  };
}

/** The flow's scenarios as the document holds them, as the graph carries them (absent: none). */
function scenariosOf(doc: Y.Doc): Pick<FlowGraph, "scenarios"> {
  const scenarios = flowMetaOf(doc).get("scenarios");
  return scenarios === undefined ? {} : { scenarios: scenarios as FlowGraph["scenarios"] };
}

/** The whole graph the document holds, in rank order. */
export function readDocGraph(doc: Y.Doc): FlowGraph {
  return {
    schemaVersion: SCHEMA_VERSION,
    nodes: ordered(nodesOf(doc)).map(([id, entry]) => readNode(id, entry)),
    edges: ordered(edgesOf(doc)).map(([id, entry]) => readEdge(id, entry)),
    ...scenariosOf(doc),
  };
}

/** Which nodes and edges (by id) a transaction touched, and whether the flow's own fields (name, scenarios) changed. */
export interface TouchedEntries {
  nodes: Set<string>;
  edges: Set<string>;
  name: boolean;
}

/** Finds the node or edge entry a changed type belongs to, by walking up to the top-level map. */
export function touchedEntries(doc: Y.Doc, transaction: Y.Transaction): TouchedEntries {
  // Compared by identity only, so the element types do not matter here.
  const nodes: Y.AbstractType<unknown> = nodesOf(doc) as never;
  const edges: Y.AbstractType<unknown> = edgesOf(doc) as never;
  const meta: Y.AbstractType<unknown> = flowMetaOf(doc) as never;
  const touched: TouchedEntries = { nodes: new Set(), edges: new Set(), name: false };
  for (const [changed, keys] of transaction.changed) {
    const type = changed as Y.AbstractType<unknown>;
    if (type === nodes || type === edges) {
      const into = type === nodes ? touched.nodes : touched.edges;
      for (const key of keys) if (key !== null) into.add(key);
      continue;
    }
    if (type === meta) {
      touched.name = true;
      continue;
    }
    let at: Y.AbstractType<unknown> = type;
    while (at._item && at._item.parent !== nodes && at._item.parent !== edges)
      at = at._item.parent as Y.AbstractType<unknown>;
    const item = at._item;
    if (!item || item.parentSub === null) continue;
    (item.parent === nodes ? touched.nodes : touched.edges).add(item.parentSub);
  }
  return touched;
}

/** `fresh`, or `earlier` when it holds the same (so what showed it need not change). */
const keep = <T>(fresh: T, earlier: T | undefined): T =>
  earlier !== undefined && sameJson(fresh, earlier) ? earlier : fresh;
const sameItems = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Keeps a plain graph in step with a document, rebuilding only the nodes and edges a
 * transaction touched: the others keep their identity, so a canvas re-renders only what changed.
 * `previous`: the graph of the copy this document replaces (a new epoch); what it holds the same
 * keeps its objects, and an equal graph is that graph itself.
 */
export function graphMirror(doc: Y.Doc, previous?: FlowGraph) {
  const nodeCache = new Map<string, FlowNode>();
  const edgeCache = new Map<string, FlowEdge>();
  const nodeOrder = orderKeeper(nodesOf(doc));
  const edgeOrder = orderKeeper(edgesOf(doc));
  let earlier = previous && {
    graph: previous,
    nodes: new Map(previous.nodes.map((n) => [n.id, n])),
    edges: new Map(previous.edges.map((e) => [e.id, e])),
  };
  let graph: FlowGraph | null = null;
  const rebuild = (): FlowGraph => {
    const nodes = nodeOrder.ordered().map(([id, entry]) => {
      let node = nodeCache.get(id);
      if (!node) nodeCache.set(id, (node = keep(readNode(id, entry), earlier?.nodes.get(id))));
      return node;
    });
    const edges = edgeOrder.ordered().map(([id, entry]) => {
      let edge = edgeCache.get(id);
      if (!edge) edgeCache.set(id, (edge = keep(readEdge(id, entry), earlier?.edges.get(id))));
      return edge;
    });
    for (const id of nodeCache.keys()) if (!nodesOf(doc).has(id)) nodeCache.delete(id);
    for (const id of edgeCache.keys()) if (!edgesOf(doc).has(id)) edgeCache.delete(id);
    const built: FlowGraph = { schemaVersion: SCHEMA_VERSION, nodes, edges, ...scenariosOf(doc) };
    const before = earlier?.graph;
    earlier = undefined;
    return before &&
      sameItems(nodes, before.nodes) &&
      sameItems(edges, before.edges) &&
      sameJson(built, before)
      ? before
      : built;
  };
  return {
    /** The graph as of now; the same object until the document changes. */
    graph(): FlowGraph {
      return (graph ??= rebuild());
    },
    /** Forgets what a transaction touched; returns whether the graph changed. */
    invalidate(transaction: Y.Transaction): boolean {
      const touched = touchedEntries(doc, transaction);
      // Not built yet (nothing read from the mirror so far): the scenarios cannot be compared, so they count as changed.
      const scenariosChanged =
        touched.name && (graph === null || !sameJson(graph.scenarios, flowMetaOf(doc).get("scenarios")));
      if (touched.nodes.size === 0 && touched.edges.size === 0 && !scenariosChanged) return false;
      touched.nodes.forEach((id) => (nodeCache.delete(id), nodeOrder.touched(id)));
      touched.edges.forEach((id) => (edgeCache.delete(id), edgeOrder.touched(id)));
      graph = null;
      return true;
    },
  };
}
