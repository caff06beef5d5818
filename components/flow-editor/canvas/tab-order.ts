import type { FlowGraph } from "@/lib/flow";

export type TabStop = { kind: "node" | "edge"; id: string };

/**
 * The order Tab visits a flow in: nodes from left to right (top to bottom within a column),
 * each followed by its outgoing connections, so keyboard focus follows the events.
 */
export function tabOrder(graph: FlowGraph): TabStop[] {
  const nodes = [...graph.nodes].sort((a, b) => a.position.x - b.position.x || a.position.y - b.position.y);
  const x = new Map(graph.nodes.map((n) => [n.id, n.position] as const));
  const out: TabStop[] = [];
  for (const node of nodes) {
    out.push({ kind: "node", id: node.id });
    const edges = graph.edges
      .filter((e) => e.source === node.id)
      .sort((a, b) => (x.get(a.target)?.y ?? 0) - (x.get(b.target)?.y ?? 0));
    for (const edge of edges) out.push({ kind: "edge", id: edge.id });
  }
  return out;
}
