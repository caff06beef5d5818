import type { FlowGraph, NodeKind } from "../flow";
import { nodeName } from "../flow/names";

export interface PictureNode {
  id: string;
  kind: NodeKind;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
}

export interface PictureEdge {
  id: string;
  kind: FlowGraph["edges"][number]["kind"];
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

/** Node size on the canvas, before scaling (close to the designer's own node cards). */
const NODE_W = 180;
const NODE_H = 64;

/**
 * Fits a flow into a width × height box for a small picture (link previews, template cards):
 * node boxes and straight edges from right side to left side, with uniform scale and margin.
 */
export function layoutPicture(
  graph: FlowGraph,
  width: number,
  height: number,
  margin = 24,
): { nodes: PictureNode[]; edges: PictureEdge[]; scale: number } {
  if (graph.nodes.length === 0) return { nodes: [], edges: [], scale: 1 };
  const xs = graph.nodes.map((n) => n.position.x);
  const ys = graph.nodes.map((n) => n.position.y);
  const minX = Math.min(...xs);
  const minY = Math.min(...ys);
  const spanX = Math.max(...xs) - minX + NODE_W;
  const spanY = Math.max(...ys) - minY + NODE_H;
  const scale = Math.min((width - 2 * margin) / spanX, (height - 2 * margin) / spanY, 1.5);
  const offsetX = (width - spanX * scale) / 2;
  const offsetY = (height - spanY * scale) / 2;
  const nodes = graph.nodes.map((n) => ({
    id: n.id,
    kind: n.kind,
    x: offsetX + (n.position.x - minX) * scale,
    y: offsetY + (n.position.y - minY) * scale,
    width: NODE_W * scale,
    height: NODE_H * scale,
    label: nodeName(n),
  }));
  const byId = new Map(nodes.map((n) => [n.id, n] as const));
  const edges = graph.edges.flatMap((e) => {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    return s && t
      ? [
          {
            id: e.id,
            kind: e.kind,
            x1: s.x + s.width,
            y1: s.y + s.height / 2,
            x2: t.x,
            y2: t.y + t.height / 2,
          },
        ]
      : [];
  });
  return { nodes, edges, scale };
}
