/** What the minimap check reads of a node: where it is on the flow and its measured size. */
export interface PlacedNode {
  internals: { positionAbsolute: { x: number; y: number } };
  measured: { width?: number; height?: number };
}

/**
 * Whether part of the flow is out of view, so a minimap would show something the canvas does
 * not: the nodes' bounds, through the view's `[x, y, zoom]`, against a `width` × `height` canvas.
 * A node not measured yet counts as a point. An empty flow needs no minimap.
 */
export function someNodeOutOfView(
  nodes: Iterable<PlacedNode>,
  [x, y, zoom]: readonly [number, number, number],
  width: number,
  height: number,
): boolean {
  for (const node of nodes) {
    const { x: nx, y: ny } = node.internals.positionAbsolute;
    const left = nx * zoom + x;
    const top = ny * zoom + y;
    const right = left + (node.measured.width ?? 0) * zoom;
    const bottom = top + (node.measured.height ?? 0) * zoom;
    if (left < 0 || top < 0 || right > width || bottom > height) return true;
  }
  return false;
}
