import dagre from "@dagrejs/dagre";
import type { FlowGraph } from "@/lib/flow";
import type { NodeSize } from "./to-react-flow";

const FALLBACK: NodeSize = { width: 208, height: 72 };

/**
 * Left-to-right layered layout (dagre): producers on the left, consumers to the right of
 * the topics they read. Returns top-left positions, as React Flow and the graph store them.
 */
export function layoutLeftToRight(
  graph: FlowGraph,
  sizes: ReadonlyMap<string, NodeSize>,
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 32, ranksep: 96, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of graph.nodes) g.setNode(node.id, { ...(sizes.get(node.id) ?? FALLBACK) });
  // Replies and dead-letters point "back"; laying them out forwards still reads left to right.
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of graph.nodes) {
    const laid = g.node(node.id);
    const size = sizes.get(node.id) ?? FALLBACK;
    positions.set(node.id, {
      x: Math.round(laid.x - size.width / 2),
      y: Math.round(laid.y - size.height / 2),
    });
  }
  return positions;
}
