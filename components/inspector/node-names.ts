import type { MetricsSnapshot } from "@/lib/realtime/protocol";

/** A node as the inspector names it. */
export interface InspectorNode {
  id: string;
  name: string;
  kind: "producer" | "topic" | "consumer";
}

/** What the designer can pass: its graph's nodes (label, and the name its config gives it). */
export interface GraphNodeLike {
  id: string;
  kind: "producer" | "topic" | "consumer";
  label?: string;
  config?: unknown;
}

/** What the node's card shows when it has no label: the topic's name, the group, the event type. */
function configName(config: unknown): string | undefined {
  if (!config || typeof config !== "object") return undefined;
  for (const key of ["name", "group", "eventType"] as const)
    if (key in config && typeof (config as Record<string, unknown>)[key] === "string")
      return (config as Record<string, string>)[key];
  return undefined;
}

/** The graph's nodes by name, plus any node the metrics know that the graph did not pass in. */
export function inspectorNodes(
  graphNodes: readonly GraphNodeLike[] | undefined,
  metrics: MetricsSnapshot | null,
): InspectorNode[] {
  const out = (graphNodes ?? []).map((n) => ({
    id: n.id,
    kind: n.kind,
    name: n.label || configName(n.config) || n.id,
  }));
  const known = new Set(out.map((n) => n.id));
  for (const node of Object.values(metrics?.nodes ?? {}))
    if (!known.has(node.nodeId)) out.push({ id: node.nodeId, kind: node.kind, name: node.nodeId });
  return out;
}
