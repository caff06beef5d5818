export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Room left around a new card so it never touches a neighbour. */
const GAP = 24;
const STEP = 32;
/** Rings of the spiral searched before giving up (about 1,600 px each way). */
const MAX_RINGS = 50;

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width + GAP &&
  b.x < a.x + a.width + GAP &&
  a.y < b.y + b.height + GAP &&
  b.y < a.y + a.height + GAP;

/**
 * Where a new card of `size` goes: centred on `centre` if that space is free, else the free
 * spot nearest to it, searched ring by ring on a grid (flow coordinates; the top-left corner
 * is returned). Falls back to the centre when the search finds nothing.
 */
export function freeSpot(
  centre: { x: number; y: number },
  size: { width: number; height: number },
  occupied: readonly Rect[],
): { x: number; y: number } {
  const at = (dx: number, dy: number): Rect => ({
    x: centre.x - size.width / 2 + dx * STEP,
    y: centre.y - size.height / 2 + dy * STEP,
    ...size,
  });
  const free = (r: Rect) => !occupied.some((o) => overlaps(r, o));
  for (let ring = 0; ring <= MAX_RINGS; ring++) {
    let best: Rect | null = null;
    let bestDistance = Infinity;
    for (let dx = -ring; dx <= ring; dx++)
      for (let dy = -ring; dy <= ring; dy++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
        const candidate = at(dx, dy);
        const distance = dx * dx + dy * dy;
        if (distance < bestDistance && free(candidate)) {
          best = candidate;
          bestDistance = distance;
        }
      }
    if (best) return { x: best.x, y: best.y };
  }
  const fallback = at(0, 0);
  return { x: fallback.x, y: fallback.y };
}
