import type { EdgeKind, NodeKind, NodeKindSpec } from "./common";
import { consumerKind } from "./consumer";
import { producerKind } from "./producer";
import { topicKind } from "./topic";

export * from "./common";
export * from "./consumer";
export * from "./producer";
export * from "./topic";

/** Every node kind, by name. Adding a kind means adding it here. */
export const NODE_KIND_SPECS = {
  producer: producerKind,
  topic: topicKind,
  consumer: consumerKind,
} as const satisfies Record<NodeKind, NodeKindSpec<unknown>>;

/** The edge kinds that may go from a node of kind `from` to one of kind `to`. */
export function allowedEdgeKinds(from: NodeKind, to: NodeKind): EdgeKind[] {
  return NODE_KIND_SPECS[from].outgoing.filter((c) => c.to === to).map((c) => c.edge);
}

/** The node kinds an edge kind joins, derived from the kinds' declared connections. */
export function edgeEnds(edge: EdgeKind): { from: NodeKind; to: NodeKind } {
  for (const spec of Object.values(NODE_KIND_SPECS)) {
    const hit = spec.outgoing.find((c) => c.edge === edge);
    if (hit) return { from: spec.kind, to: hit.to };
  }
  throw new Error(`edge kind ${edge} is declared by no node kind`);
}
