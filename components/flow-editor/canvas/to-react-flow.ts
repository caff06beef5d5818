import { MarkerType, type Edge, type Node } from "@xyflow/react";
import type { FlowEdge, FlowGraph, FlowNode, NodeKind } from "@/lib/flow";
import { edgeAriaLabel, edgeColour, nodeAriaLabel } from "../labels";

export type FlowNodeData = { node: FlowNode };
export type FlowRfNode = Node<FlowNodeData, NodeKind>;
export type FlowEdgeData = { edge: FlowEdge };
export type FlowRfEdge = Edge<FlowEdgeData, "flow">;
export type NodeSize = { width: number; height: number };

export function toRfNode(node: FlowNode, selected: boolean, size?: NodeSize): FlowRfNode {
  return {
    id: node.id,
    type: node.kind,
    position: node.position,
    data: { node },
    selected,
    ariaLabel: nodeAriaLabel(node),
    ...(size ? { measured: size } : {}),
  };
}

export function toRfEdge(edge: FlowEdge, selected: boolean, ariaLabel: string): FlowRfEdge {
  return {
    id: edge.id,
    type: "flow",
    source: edge.source,
    target: edge.target,
    data: { edge },
    selected,
    ariaLabel,
    markerEnd: { type: MarkerType.ArrowClosed, color: edgeColour(edge.kind), width: 16, height: 16 },
  };
}

interface Cached<S, R> {
  source: S;
  selected: boolean;
  extra: unknown;
  result: R;
}

/** An edge's mapping, and the ends its label was read from. */
interface CachedEdge {
  source: FlowEdge;
  selected: boolean;
  from: FlowNode | undefined;
  to: FlowNode | undefined;
  result: FlowRfEdge;
}

/** `next`, or `previous` when it holds the same objects in the same order. */
function sameOr<T>(previous: T[], next: T[]): T[] {
  if (previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i] !== next[i]) return next;
  return previous;
}

/**
 * Maps the graph to React Flow nodes and edges, reusing the previous object for anything
 * unchanged: React Flow (and our memoized nodes) then skip the 499 nodes a drag did not move.
 * When nothing in a list changed, the list itself is the previous one, so React Flow does not
 * take in 600 edges again when a node moves.
 */
export function createRfMapper() {
  let nodeCache = new Map<string, Cached<FlowNode, FlowRfNode>>();
  let edgeCache = new Map<string, CachedEdge>();
  let lastNodes: FlowRfNode[] = [];
  let lastEdges: FlowRfEdge[] = [];
  return function map(
    graph: FlowGraph,
    selectedNodes: ReadonlySet<string>,
    selectedEdges: ReadonlySet<string>,
    sizes: ReadonlyMap<string, NodeSize>,
  ): { nodes: FlowRfNode[]; edges: FlowRfEdge[] } {
    const nextNodes = new Map<string, Cached<FlowNode, FlowRfNode>>();
    const byId = new Map<string, FlowNode>();
    const nodes = graph.nodes.map((node) => {
      byId.set(node.id, node);
      const selected = selectedNodes.has(node.id);
      const size = sizes.get(node.id);
      const hit = nodeCache.get(node.id);
      const entry =
        hit && hit.source === node && hit.selected === selected && hit.extra === size
          ? hit
          : { source: node, selected, extra: size, result: toRfNode(node, selected, size) };
      nextNodes.set(node.id, entry);
      return entry.result;
    });
    const nextEdges = new Map<string, CachedEdge>();
    const edges = graph.edges.map((edge) => {
      const selected = selectedEdges.has(edge.id);
      const from = byId.get(edge.source);
      const to = byId.get(edge.target);
      let entry = edgeCache.get(edge.id);
      // The label reads the edge (its kind) and its ends' names: made again when any is a new object.
      const label =
        entry && entry.source === edge && entry.from === from && entry.to === to
          ? entry.result.ariaLabel!
          : edgeAriaLabel(edge, byId);
      if (!entry || entry.source !== edge || entry.selected !== selected || entry.result.ariaLabel !== label)
        entry = { source: edge, selected, from, to, result: toRfEdge(edge, selected, label) };
      else if (entry.from !== from || entry.to !== to) entry = { ...entry, from, to };
      nextEdges.set(edge.id, entry);
      return entry.result;
    });
    nodeCache = nextNodes;
    edgeCache = nextEdges;
    lastNodes = sameOr(lastNodes, nodes);
    lastEdges = sameOr(lastEdges, edges);
    return { nodes: lastNodes, edges: lastEdges };
  };
}
