import {
  FLOW_LIMITS,
  NODE_KIND_SPECS,
  allowedEdgeKinds,
  type EdgeKind,
  type FilterPattern,
  type FlowEdge,
  type FlowGraph,
  type FlowNode,
  type NodeKind,
} from "@/lib/flow";
import { namesInUse, uniqueName } from "@/lib/flow/names";
import { newId } from "./ids";

type XY = { x: number; y: number };

/** A new node of `kind` at `position`, with defaults that do not clash with what is there. */
export function createNode(graph: FlowGraph, kind: NodeKind, position: XY, id = newId(kind)): FlowNode {
  if (kind === "topic") {
    const config = NODE_KIND_SPECS.topic.defaults();
    config.name = uniqueName(config.name, topicNames(graph));
    return { id, kind, position, config };
  }
  if (kind === "consumer") {
    const config = NODE_KIND_SPECS.consumer.defaults();
    const groups = new Set(graph.nodes.flatMap((n) => (n.kind === "consumer" ? [n.config.group] : [])));
    config.group = uniqueName(config.group, groups);
    return { id, kind, position, config };
  }
  // Producers are known by their event type: a second one gets its own (order.placed-2).
  const config = NODE_KIND_SPECS.producer.defaults();
  config.eventType = uniqueName(config.eventType, namesInUse(graph.nodes, "producer"), FLOW_LIMITS.maxString);
  return { id, kind, position, config };
}

export function topicNames(graph: FlowGraph): Set<string> {
  return new Set(graph.nodes.flatMap((n) => (n.kind === "topic" ? [n.config.name] : [])));
}

export function addNode(graph: FlowGraph, node: FlowNode): FlowGraph {
  return { ...graph, nodes: [...graph.nodes, node] };
}

/** Moves nodes; nodes that did not move keep their identity (React Flow re-renders less). */
export function moveNodes(graph: FlowGraph, positions: ReadonlyMap<string, XY>): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((n) => (positions.has(n.id) ? { ...n, position: positions.get(n.id)! } : n)),
  };
}

export function replaceNode(graph: FlowGraph, id: string, update: (node: FlowNode) => FlowNode): FlowGraph {
  return { ...graph, nodes: graph.nodes.map((n) => (n.id === id ? update(n) : n)) };
}

export function replaceEdge(graph: FlowGraph, id: string, update: (edge: FlowEdge) => FlowEdge): FlowGraph {
  return { ...graph, edges: graph.edges.map((e) => (e.id === id ? update(e) : e)) };
}

/** Why a connection from `sourceId` to `targetId` is not allowed, or null when it is. */
export function connectionRefusal(graph: FlowGraph, sourceId: string, targetId: string): string | null {
  const source = graph.nodes.find((n) => n.id === sourceId);
  const target = graph.nodes.find((n) => n.id === targetId);
  if (!source || !target) return "Connect two nodes of the flow";
  if (source.id === target.id) return "A node cannot connect to itself";
  const kinds = allowedEdgeKinds(source.kind, target.kind);
  if (kinds.length === 0) {
    const to = NODE_KIND_SPECS[source.kind].outgoing.map((c) => c.to);
    return `A ${source.kind} cannot connect to a ${target.kind}: connect it to a ${[...new Set(to)].join(" or ")}`;
  }
  const taken = graph.edges.filter((e) => e.source === sourceId && e.target === targetId).map((e) => e.kind);
  if (kinds.every((k) => taken.includes(k))) return "These nodes are already connected";
  return null;
}

/** The edge kind a new connection gets: the only one allowed, or the one that fits the consumer's action. */
export function defaultEdgeKind(graph: FlowGraph, source: FlowNode, target: FlowNode): EdgeKind | null {
  const taken = new Set(
    graph.edges.filter((e) => e.source === source.id && e.target === target.id).map((e) => e.kind),
  );
  const kinds = allowedEdgeKinds(source.kind, target.kind).filter((k) => !taken.has(k));
  if (source.kind === "consumer" && source.config.action === "reply" && kinds.includes("replies"))
    return "replies";
  return kinds[0] ?? null;
}

export function connect(
  graph: FlowGraph,
  sourceId: string,
  targetId: string,
  kind?: EdgeKind,
  id = newId("e"),
): { graph: FlowGraph; edge: FlowEdge } | null {
  if (connectionRefusal(graph, sourceId, targetId)) return null;
  const source = graph.nodes.find((n) => n.id === sourceId)!;
  const target = graph.nodes.find((n) => n.id === targetId)!;
  const edgeKind = kind ?? defaultEdgeKind(graph, source, target);
  if (!edgeKind || !allowedEdgeKinds(source.kind, target.kind).includes(edgeKind)) return null;
  const edge = { id, kind: edgeKind, source: sourceId, target: targetId } as FlowEdge;
  return { graph: { ...graph, edges: [...graph.edges, edge] }, edge };
}

/** Changes an edge's kind (consumer → topic edges only have a choice); a filter only survives on subscribes. */
export function setEdgeKind(graph: FlowGraph, id: string, kind: EdgeKind): FlowGraph {
  return replaceEdge(graph, id, (e) => ({ id: e.id, source: e.source, target: e.target, kind }) as FlowEdge);
}

export function setEdgeFilter(graph: FlowGraph, id: string, filter: FilterPattern | undefined): FlowGraph {
  return replaceEdge(graph, id, (e) => {
    if (e.kind !== "subscribes") return e;
    const { filter: _old, ...rest } = e;
    return filter && Object.keys(filter).length > 0 ? { ...rest, filter } : rest;
  });
}

/** Removes nodes (with every edge touching them) and edges. */
export function deleteElements(
  graph: FlowGraph,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): FlowGraph {
  if (nodeIds.size === 0 && edgeIds.size === 0) return graph;
  return {
    ...graph,
    nodes: graph.nodes.filter((n) => !nodeIds.has(n.id)),
    edges: graph.edges.filter((e) => !edgeIds.has(e.id) && !nodeIds.has(e.source) && !nodeIds.has(e.target)),
  };
}
