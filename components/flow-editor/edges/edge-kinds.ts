import type { EdgeKind } from "@/lib/flow";
import { scaledDashArray } from "../canvas/dash-scale";

/**
 * Solid for the data path, dashed for emits, dotted for replies, red for dead-letters (UI.md);
 * the dashes keep their length on screen when zoomed out (canvas/dash-scale.ts). Drawn in the
 * flow's units they would be sub-pixel specks far out, thousands a line, and costly to draw.
 */
export const EDGE_DASH: Record<EdgeKind, string | undefined> = {
  publishes: undefined,
  subscribes: undefined,
  emits: scaledDashArray(7, 5),
  replies: scaledDashArray(1, 5),
  "dead-letters": scaledDashArray(4, 3),
};

/** What each edge kind means, in one line, for the chooser and the properties panel. */
export const EDGE_KIND_HINTS: Record<EdgeKind, string> = {
  publishes: "The producer appends its events to this topic",
  subscribes: "The consumer group reads this topic (optionally filtered)",
  emits: "Each handled event produces a new event on this topic",
  replies: "Answers the request on this reply topic (request/reply)",
  "dead-letters": "Deliveries that fail every attempt land on this topic",
};
