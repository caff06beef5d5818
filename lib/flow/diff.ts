import type { FlowEdge, FlowGraph, FlowNode } from "./schema";

export interface GraphDiff {
  addedNodes: FlowNode[];
  removedNodes: FlowNode[];
  /** Nodes whose kind or config changed (position and label do not count: they do not run). */
  changedNodes: { before: FlowNode; after: FlowNode }[];
  unchangedNodeIds: string[];
  addedEdges: FlowEdge[];
  removedEdges: FlowEdge[];
  changedEdges: { before: FlowEdge; after: FlowEdge }[];
}

/** Structural equality of JSON values, key order ignored. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b as object).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * Whether `b` differs from `a` at most in where its nodes are: the same nodes and edges in the
 * same order, each the same but for its position, and the rest of the graph the same. Nothing
 * checked of a flow reads a position, so such a graph needs no new check.
 */
export function onlyPlacesDiffer(a: FlowGraph, b: FlowGraph): boolean {
  if (a === b) return true;
  if (a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  for (let i = 0; i < a.nodes.length; i++) {
    const x = a.nodes[i];
    const y = b.nodes[i];
    if (x !== y && !sameJson({ ...x, position: null }, { ...y, position: null })) return false;
  }
  for (let i = 0; i < a.edges.length; i++) if (!sameJson(a.edges[i], b.edges[i])) return false;
  return sameJson({ ...a, nodes: null, edges: null }, { ...b, nodes: null, edges: null });
}

function diffById<T extends { id: string }>(
  before: readonly T[],
  after: readonly T[],
  same: (a: T, b: T) => boolean,
) {
  const old = new Map(before.map((x) => [x.id, x] as const));
  const now = new Map(after.map((x) => [x.id, x] as const));
  const added = after.filter((x) => !old.has(x.id));
  const removed = before.filter((x) => !now.has(x.id));
  const changed: { before: T; after: T }[] = [];
  const unchanged: string[] = [];
  for (const x of after) {
    const prev = old.get(x.id);
    if (!prev) continue;
    if (same(prev, x)) unchanged.push(x.id);
    else changed.push({ before: prev, after: x });
  }
  return { added, removed, changed, unchanged };
}

/** What a redeploy must start, stop and restart to go from `before` to `after`. */
export function diffGraphs(before: FlowGraph, after: FlowGraph): GraphDiff {
  const nodes = diffById(
    before.nodes,
    after.nodes,
    (a, b) => a.kind === b.kind && sameJson(a.config, b.config),
  );
  const edges = diffById(before.edges, after.edges, (a, b) => sameJson({ ...a }, { ...b }));
  return {
    addedNodes: nodes.added,
    removedNodes: nodes.removed,
    changedNodes: nodes.changed,
    unchangedNodeIds: nodes.unchanged,
    addedEdges: edges.added,
    removedEdges: edges.removed,
    changedEdges: edges.changed,
  };
}
