import { diffGraphs, sameJson } from "./diff";
import { nodeName } from "./names";
import type { FlowEdge, FlowGraph, FlowNode } from "./schema";

/** At most this many names are listed per kind of change; `count` says how many there are. */
export const MAX_NAMES_PER_CHANGE = 5;

/** Some changed things: how many, and the names of the first few (as a person knows them). */
export interface NamedChanges {
  count: number;
  names: string[];
}

/** What one version changed from the version before it, in words a person knows. */
export interface ChangeSummary {
  addedNodes: NamedChanges;
  removedNodes: NamedChanges;
  /** Settings, kind or card name changed (what runs, or what people call it). */
  changedNodes: NamedChanges;
  /** Only moved on the canvas. */
  movedNodes: NamedChanges;
  addedEdges: NamedChanges;
  removedEdges: NamedChanges;
  changedEdges: NamedChanges;
  /** The flow's scenarios changed. */
  scenarios: boolean;
}

const named = (names: string[]): NamedChanges => ({
  count: names.length,
  names: names.slice(0, MAX_NAMES_PER_CHANGE),
});

/** "orders subscribes email": an edge by the names of its ends, as the designer reads it out. */
function edgeName(edge: FlowEdge, ...graphs: FlowGraph[]): string {
  const end = (id: string) => {
    for (const graph of graphs) {
      const node = graph.nodes.find((n) => n.id === id);
      if (node) return nodeName(node);
    }
    return id;
  };
  return `${end(edge.source)} ${edge.kind} ${end(edge.target)}`;
}

const samePosition = (a: FlowNode, b: FlowNode) =>
  a.position.x === b.position.x && a.position.y === b.position.y;

/**
 * What changed from `before` to `after`: nodes and connections added, removed and changed (a
 * node whose card was renamed counts as changed; one that only moved is listed apart), and
 * whether the scenarios changed. Names are bounded (MAX_NAMES_PER_CHANGE per list).
 */
export function summarizeChanges(before: FlowGraph, after: FlowGraph): ChangeSummary {
  const diff = diffGraphs(before, after);
  const old = new Map(before.nodes.map((n) => [n.id, n] as const));
  const changed = diff.changedNodes.map((c) => c.after);
  const moved: FlowNode[] = [];
  for (const id of diff.unchangedNodeIds) {
    const now = after.nodes.find((n) => n.id === id)!;
    const then = old.get(id)!;
    if ((now.label ?? "") !== (then.label ?? "")) changed.push(now);
    else if (!samePosition(now, then)) moved.push(now);
  }
  const inOrder = (nodes: FlowNode[]) => {
    const ids = new Set(nodes.map((n) => n.id));
    return after.nodes.filter((n) => ids.has(n.id)).map(nodeName);
  };
  return {
    addedNodes: named(diff.addedNodes.map(nodeName)),
    removedNodes: named(diff.removedNodes.map(nodeName)),
    changedNodes: named(inOrder(changed)),
    movedNodes: named(inOrder(moved)),
    addedEdges: named(diff.addedEdges.map((e) => edgeName(e, after))),
    removedEdges: named(diff.removedEdges.map((e) => edgeName(e, before))),
    changedEdges: named(diff.changedEdges.map((c) => edgeName(c.after, after, before))),
    scenarios: !sameJson(before.scenarios ?? [], after.scenarios ?? []),
  };
}

/** True when nothing at all changed (not even a move). */
export function isNoChange(summary: ChangeSummary): boolean {
  const { scenarios, ...lists } = summary;
  return !scenarios && Object.values(lists).every((l) => l.count === 0);
}
