import type { FlowGraph } from "./schema";
import type { FlowIssue } from "./validate";

/**
 * A topic that dead-letters events breaking its schema must name another topic of the flow
 * to take them; a schema with nowhere to send such events is an error, not a silent drop.
 */
export function topicSchemaIssues(graph: FlowGraph): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const names = new Set(graph.nodes.flatMap((n) => (n.kind === "topic" ? [n.config.name] : [])));
  graph.nodes.forEach((node, i) => {
    if (node.kind !== "topic" || !node.config.schema?.trim()) return;
    if (node.config.onSchemaViolation !== "dead-letter") return;
    const target = node.config.schemaDeadLetter?.trim() ?? "";
    const message =
      target === ""
        ? "name the topic that takes events breaking the schema"
        : target === node.config.name
          ? "must be another topic: events breaking the schema cannot go back into this one"
          : !names.has(target)
            ? `no topic '${target}' in this flow`
            : null;
    if (message)
      issues.push({
        path: `nodes[${i}].config.schemaDeadLetter`,
        message,
        severity: "error",
        nodeId: node.id,
      });
  });
  return issues;
}
