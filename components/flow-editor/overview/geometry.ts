import { Position, getBezierPath } from "@xyflow/react";
import type { FlowNode } from "@/lib/flow";

export type Size = { width: number; height: number };
export type XY = { x: number; y: number };

/** A card's size before the canvas has measured it (w-52 and three lines of text). */
export const DEFAULT_SIZE: Size = { width: 208, height: 76 };
/** How far a handle's outer edge stands out of the card, where React Flow attaches an edge. */
const HANDLE_OUT = 6;

/** The line from one card's output (right side) to another's input (left side), as React Flow draws it. */
export function edgePath(from: FlowNode, fromSize: Size | undefined, to: FlowNode, toSize: Size | undefined) {
  const a = fromSize ?? DEFAULT_SIZE;
  const b = toSize ?? DEFAULT_SIZE;
  const [path] = getBezierPath({
    sourceX: from.position.x + a.width + HANDLE_OUT,
    sourceY: from.position.y + a.height / 2,
    sourcePosition: Position.Right,
    targetX: to.position.x - HANDLE_OUT,
    targetY: to.position.y + b.height / 2,
    targetPosition: Position.Left,
  });
  return path;
}

/** Where the nodes of `ids` are now, by id: where a drag or an arrow key starts from. */
export function placesOf(nodes: readonly FlowNode[], ids: ReadonlySet<string>): Map<string, XY> {
  const places = new Map<string, XY>();
  for (const node of nodes) if (ids.has(node.id)) places.set(node.id, node.position);
  return places;
}

/**
 * Where each dragged node goes: its place when the drag began moved by what the pointer moved
 * on screen, divided by the zoom, and on the 16-unit grid when snapping is on.
 */
export function dragPositions(
  start: ReadonlyMap<string, XY>,
  screenDelta: XY,
  zoom: number,
  snap: number | null,
): Map<string, XY> {
  const onGrid = (v: number) => (snap ? Math.round(v / snap) * snap : v);
  const moved = new Map<string, XY>();
  for (const [id, at] of start)
    moved.set(id, { x: onGrid(at.x + screenDelta.x / zoom), y: onGrid(at.y + screenDelta.y / zoom) });
  return moved;
}

export type Rect = { x: number; y: number; width: number; height: number };

/** The box around the given nodes (all when `ids` is left out), or null when there are none. */
export function nodesBounds(
  nodes: readonly FlowNode[],
  sizes: ReadonlyMap<string, Size>,
  ids?: ReadonlySet<string>,
): Rect | null {
  let left = Infinity;
  let top = Infinity;
  let right = -Infinity;
  let bottom = -Infinity;
  for (const node of nodes) {
    if (ids && !ids.has(node.id)) continue;
    const { width, height } = sizes.get(node.id) ?? DEFAULT_SIZE;
    left = Math.min(left, node.position.x);
    top = Math.min(top, node.position.y);
    right = Math.max(right, node.position.x + width);
    bottom = Math.max(bottom, node.position.y + height);
  }
  return left === Infinity ? null : { x: left, y: top, width: right - left, height: bottom - top };
}

/** Whether `inner` lies wholly inside `outer`. */
export const contains = (outer: Rect, inner: Rect) =>
  inner.x >= outer.x &&
  inner.y >= outer.y &&
  inner.x + inner.width <= outer.x + outer.width &&
  inner.y + inner.height <= outer.y + outer.height;

/** The nodes wholly inside `rect` (on the flow), as React Flow's selection box picks them. */
export function nodesInside(
  nodes: readonly FlowNode[],
  sizes: ReadonlyMap<string, Size>,
  rect: Rect,
): string[] {
  return nodes
    .filter((node) => contains(rect, { ...node.position, ...(sizes.get(node.id) ?? DEFAULT_SIZE) }))
    .map((node) => node.id);
}

/** The part of the flow a `width` × `height` canvas shows through the view `[x, y, zoom]`. */
export function viewRect(
  [x, y, zoom]: readonly [number, number, number],
  width: number,
  height: number,
): Rect {
  return { x: -x / zoom, y: -y / zoom, width: width / zoom, height: height / zoom };
}

/**
 * How a minimap of `width` × `height` pixels draws the flow and the view: the box around both,
 * scaled to fit and centred. `at` is where a flow point lands on the minimap, `flowAt` the flow
 * point under a minimap pixel.
 */
export function minimapFrame(flow: Rect, view: Rect, width: number, height: number) {
  const left = Math.min(flow.x, view.x);
  const top = Math.min(flow.y, view.y);
  const boxWidth = Math.max(flow.x + flow.width, view.x + view.width) - left;
  const boxHeight = Math.max(flow.y + flow.height, view.y + view.height) - top;
  const scale = Math.min(width / boxWidth, height / boxHeight);
  const offsetX = (width - boxWidth * scale) / 2;
  const offsetY = (height - boxHeight * scale) / 2;
  return {
    scale,
    at: (p: XY): XY => ({ x: offsetX + (p.x - left) * scale, y: offsetY + (p.y - top) * scale }),
    flowAt: (p: XY): XY => ({ x: left + (p.x - offsetX) / scale, y: top + (p.y - offsetY) / scale }),
  };
}
