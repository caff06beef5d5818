import type { FlowEdge, FlowGraph, FlowNode } from "@/lib/flow";
import { uniqueName } from "@/lib/flow/names";
import { newId } from "./ids";
import { topicNames } from "./graph-ops";

/** What Copy keeps: the chosen nodes and the edges that run between them. */
export interface GraphClip {
  nodes: FlowNode[];
  edges: FlowEdge[];
}

export function copySelection(graph: FlowGraph, nodeIds: ReadonlySet<string>): GraphClip | null {
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  return { nodes, edges };
}

/**
 * Adds a copy of `clip` shifted by `offset`, with fresh ids and topic names made unique
 * (two topics may not share a name). Returns the ids of what was added, to select them.
 */
export function pasteClip(graph: FlowGraph, clip: GraphClip, offset: { x: number; y: number }) {
  const idMap = new Map<string, string>();
  const names = topicNames(graph);
  const nodes = clip.nodes.map((node): FlowNode => {
    const id = newId(node.kind);
    idMap.set(node.id, id);
    const position = { x: node.position.x + offset.x, y: node.position.y + offset.y };
    if (node.kind !== "topic") return { ...node, id, position };
    const name = uniqueName(node.config.name, names);
    names.add(name);
    return { ...node, id, position, config: { ...node.config, name } };
  });
  const edges = clip.edges.map((edge): FlowEdge => ({
    ...edge,
    id: newId("e"),
    source: idMap.get(edge.source)!,
    target: idMap.get(edge.target)!,
  }));
  return {
    graph: { ...graph, nodes: [...graph.nodes, ...nodes], edges: [...graph.edges, ...edges] },
    nodeIds: nodes.map((n) => n.id),
    edgeIds: edges.map((e) => e.id),
  };
}
