import dagre from "@dagrejs/dagre";
import type { FlowEdge, FlowNode } from "@/lib/flow";

// The size the designer draws a node at its tallest (a label line, or live figures while the
// flow runs): laid out at this size, imported cards never overlap.
export const LAYOUT_CARD = { width: 208, height: 120 } as const;
const WIDTH = LAYOUT_CARD.width;
const HEIGHT = LAYOUT_CARD.height;

/**
 * Left-to-right layered layout (dagre) for imported flows: producers left, topics next,
 * consumers right of what they read. Returns top-left positions, as the graph stores them.
 */
export function layoutLeftToRight(
  nodes: readonly Pick<FlowNode, "id">[],
  edges: readonly Pick<FlowEdge, "source" | "target">[],
): Map<string, { x: number; y: number }> {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: "LR", nodesep: 32, ranksep: 96, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) g.setNode(node.id, { width: WIDTH, height: HEIGHT });
  for (const edge of edges)
    if (g.hasNode(edge.source) && g.hasNode(edge.target)) g.setEdge(edge.source, edge.target);
  dagre.layout(g);
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) {
    const laid = g.node(node.id);
    positions.set(node.id, { x: Math.round(laid.x - WIDTH / 2), y: Math.round(laid.y - HEIGHT / 2) });
  }
  return positions;
}
