"use client";

import { Background, BackgroundVariant, useStore } from "@xyflow/react";

/**
 * Below this zoom the dot grid (16 px apart on the flow) would be dots under 7 px apart on screen:
 * a grey haze rather than a guide, and costly, as every area of the canvas that changes (a node
 * someone else moves) is drawn again with it.
 */
export const GRID_MIN_ZOOM = 0.45;
const gridShows = (s: { transform: [number, number, number] }) => s.transform[2] >= GRID_MIN_ZOOM;

/** Below this zoom nodes are drawn without their text (a 208 px card is under 73 px wide). */
export const DETAIL_MIN_ZOOM = 0.35;
/** The class the canvas carries while zoomed out past DETAIL_MIN_ZOOM (nodes/far-zoom.css). */
export const useFarZoomClass = () =>
  useStore((s) => s.transform[2] < DETAIL_MIN_ZOOM) ? "el-far" : undefined;

/** The canvas's dot grid, where it helps: hidden when zoomed far out. */
export function CanvasBackground() {
  return useStore(gridShows) ? <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} /> : null;
}
