import type { EdgeKind } from "@/lib/flow";

/** What each edge kind means, in one line, for the chooser and the properties panel. */
export const EDGE_KIND_HINTS: Record<EdgeKind, string> = {
  publishes: "The producer appends its events to this topic",
  subscribes: "The consumer group reads this topic (optionally filtered)",
  emits: "Each handled event produces a new event on this topic",
  replies: "Answers the request on this reply topic (request/reply)",
  "dead-letters": "Deliveries that fail every attempt land on this topic",
};
