import type { FlowGraph } from "./schema";

/** What a hidden secret reads as in a graph shown to someone who may not see it. */
export const HIDDEN_SECRET = "(hidden)";

/**
 * The graph without its secrets: webhook signing secrets and the values of webhook request
 * headers (they often carry credentials). For view links, forks made through a view link,
 * snapshot links and exports: only the edit link shows a flow's secrets.
 */
export function withoutSecrets(graph: FlowGraph): FlowGraph {
  let changed = false;
  const nodes = graph.nodes.map((node) => {
    if (node.kind !== "consumer") return node;
    const config = node.config;
    if (!config.webhookSecret && !config.webhookHeaders) return node;
    changed = true;
    const { webhookSecret: _secret, webhookHeaders, ...rest } = config;
    const headers = webhookHeaders
      ?.split(/\r?\n/)
      .map((line) => (line.includes(":") ? `${line.slice(0, line.indexOf(":"))}: ${HIDDEN_SECRET}` : line))
      .join("\n");
    return { ...node, config: { ...rest, ...(headers ? { webhookHeaders: headers } : {}) } };
  });
  return changed ? { ...graph, nodes } : graph;
}
