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
  source: string;
  target: string;
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
            source: e.source,
            target: e.target,
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

/** Above this many nodes a link preview draws a simplified picture (no labels, sampled shapes). */
export const DETAILED_PICTURE_MAX_NODES = 30;
export const SIMPLIFIED_PICTURE_MAX_NODES = 300;
export const SIMPLIFIED_PICTURE_MAX_EDGES = 450;

/**
 * Bounds the cost of drawing a picture: up to DETAILED_PICTURE_MAX_NODES nodes it is kept as
 * is; beyond, every k-th node is kept (at most SIMPLIFIED_PICTURE_MAX_NODES) without its label,
 * with at most SIMPLIFIED_PICTURE_MAX_EDGES of the edges between kept nodes, so the shape of a
 * large flow stays recognisable at a bounded cost.
 */
export function boundedPicture(picture: { nodes: PictureNode[]; edges: PictureEdge[]; scale: number }): {
  nodes: PictureNode[];
  edges: PictureEdge[];
  scale: number;
  simplified: boolean;
} {
  if (picture.nodes.length <= DETAILED_PICTURE_MAX_NODES) return { ...picture, simplified: false };
  const step = Math.ceil(picture.nodes.length / SIMPLIFIED_PICTURE_MAX_NODES);
  const nodes = picture.nodes.filter((_, i) => i % step === 0).map((n) => ({ ...n, label: "" }));
  const kept = new Set(nodes.map((n) => n.id));
  const edges: PictureEdge[] = [];
  for (const e of picture.edges) {
    if (edges.length >= SIMPLIFIED_PICTURE_MAX_EDGES) break;
    if (kept.has(e.source) && kept.has(e.target)) edges.push(e);
  }
  return { nodes, edges, scale: picture.scale, simplified: true };
}
