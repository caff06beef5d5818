import type { EdgeKind, FlowEdge, FlowNode, NodeKind } from "@/lib/flow";
import { nodeName } from "@/lib/flow/names";

/**
 * How nodes and edges are named and coloured wherever the designer shows them: on the canvas,
 * in the panels and in save messages. A leaf module: it imports nothing of the editor.
 */

const KIND_TITLE: Record<NodeKind, string> = { producer: "Producer", topic: "Topic", consumer: "Consumer" };

/** The name a person knows a node by, the same as its card shows: its label, else what its config says it is. */
export const nodeTitle = nodeName;

/** "Topic orders": the kind, then the title; what a screen reader hears for a node. */
export function nodeAriaLabel(node: FlowNode): string {
  return `${KIND_TITLE[node.kind]} ${nodeTitle(node)}`;
}

/** Line and marker colour per edge kind (the kind's hue; dead-letters red). */
const EDGE_COLOUR: Record<EdgeKind, string> = {
  publishes: "var(--color-producer)",
  subscribes: "var(--color-topic)",
  emits: "var(--color-consumer)",
  replies: "var(--color-consumer)",
  "dead-letters": "var(--color-failed)",
};

/** The colour of an edge's line and marker. */
export function edgeColour(kind: EdgeKind): string {
  return EDGE_COLOUR[kind];
}

/** "orders subscribes email": the source, the edge's kind and the target, by title. */
export function edgeAriaLabel(edge: FlowEdge, byId: ReadonlyMap<string, FlowNode>): string {
  return edgeAriaLabelOf(edge, byId.get(edge.source), byId.get(edge.target));
}

/** edgeAriaLabel with the edge's ends at hand (an end not found is named by its id). */
export function edgeAriaLabelOf(
  edge: FlowEdge,
  from: FlowNode | undefined,
  to: FlowNode | undefined,
): string {
  return `${from ? nodeTitle(from) : edge.source} ${edge.kind} ${to ? nodeTitle(to) : edge.target}`;
}
