"use client";

import { useCallback } from "react";
import { ProduceDialog } from "@/components/inspector/produce-dialog";
import { useInspector } from "@/components/inspector/inspector-context";
import type { FlowGraph } from "@/lib/flow";
import { sampleEventForTopic } from "../panels/sample-event";
import { useSeededFaker } from "../panels/use-seeded-faker";
import { schemaSample } from "@/lib/schemas/schema-sample";

/**
 * The produce form over a flow's graph: topics named by their names, data prefilled from the
 * topic's schema, else with what the topic's first producer would publish (its template, filled in).
 */
export function ProduceHost({ graph }: { graph: FlowGraph }) {
  const producing = useInspector((s) => s.producing);
  // Faker (most of a megabyte) is fetched when the form first opens, not with every designer.
  return producing ? <OpenProduceHost graph={graph} /> : null;
}

function OpenProduceHost({ graph }: { graph: FlowGraph }) {
  const makeFaker = useSeededFaker();
  const topicName = useCallback(
    (topicId: string) => {
      const node = graph.nodes.find((n) => n.id === topicId);
      return node?.kind === "topic" ? node.config.name : topicId;
    },
    [graph],
  );
  const sampleFor = useCallback(
    (topicId: string) => {
      const node = graph.nodes.find((n) => n.id === topicId);
      const schema = node?.kind === "topic" ? node.config.schema?.trim() : undefined;
      if (schema) {
        try {
          return schemaSample(JSON.parse(schema));
        } catch {
          // A schema that is not JSON is flagged on the topic; start from the producer instead.
        }
      }
      return (makeFaker ? sampleEventForTopic(graph, topicId, makeFaker)?.data : undefined) ?? {};
    },
    [graph, makeFaker],
  );
  // The form is prefilled once, when it opens: it waits the moment faker takes to arrive.
  if (!makeFaker) return null;
  return <ProduceDialog topicName={topicName} sampleFor={sampleFor} />;
}
