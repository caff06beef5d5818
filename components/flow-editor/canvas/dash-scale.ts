/**
 * Dashed edges keep their dashes when zoomed out. A dash is drawn in the flow's units, so at
 * zoom 0.05 the emits pattern (7 on, 5 off) would be a third of a pixel on and a quarter off: a
 * grey line that no longer tells emits from publishes, and one that Chromium draws as some
 * thousand sub-pixel segments per edge whenever the area it crosses changes. Below zoom 0.5 the
 * pattern is drawn 2, 4, 8 or 16 times longer, so that on screen a dash stays between half and
 * all of its length at zoom 1. Powers of two: the scale changes only a few times over a zoom
 * from 1 to 0.05, so the 600 edges of a big flow are restyled a few times, not at each step.
 */
const DASH_FULL_ZOOM = 0.5;
const MOST = 16;

/** How many times longer an edge's dash pattern is drawn at this zoom (1 at 0.5 and above). */
export function dashScale(zoom: number): number {
  if (!(zoom > 0) || zoom >= DASH_FULL_ZOOM) return 1;
  return Math.min(MOST, 2 ** Math.ceil(Math.log2(DASH_FULL_ZOOM / zoom)));
}

/** The CSS variable the canvas sets to its dashScale, read by every dash pattern. */
export const DASH_SCALE_VAR = "--el-dash";

/** A length of `units` flow units at zoom 1, scaled with the dashes by the canvas's zoom (CSS). */
export const scaledLength = (units: number) => `calc(${units}px * var(${DASH_SCALE_VAR}, 1))`;

/** A `stroke-dasharray` for `on` and `off` flow units at zoom 1, scaled by the canvas's zoom. */
export const scaledDashArray = (on: number, off: number) => `${scaledLength(on)} ${scaledLength(off)}`;
