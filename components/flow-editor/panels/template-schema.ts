import type { FlowGraph } from "@/lib/flow";
import { compileTopicSchema, describeViolations } from "@/lib/schemas/topic-schema";

/**
 * What a producer's sample event breaks in the schemas of the topics it publishes to, one
 * sentence per topic (empty when it fits them all, or they have none).
 */
export function templateSchemaProblems(graph: FlowGraph, producerId: string, data: unknown): string[] {
  const problems: string[] = [];
  for (const edge of graph.edges) {
    if (edge.kind !== "publishes" || edge.source !== producerId) continue;
    const topic = graph.nodes.find((n) => n.id === edge.target);
    if (topic?.kind !== "topic" || !topic.config.schema?.trim()) continue;
    const compiled = compileTopicSchema(topic.config.schema);
    if (!compiled.ok) continue;
    const found = compiled.check(data);
    if (found.length > 0)
      problems.push(
        `This sample breaks the schema of topic '${topic.config.name}': ${describeViolations(found)}`,
      );
  }
  return problems;
}
