"use client";

import { useCallback } from "react";
import { ProduceDialog } from "@/components/inspector/produce-dialog";
import type { FlowGraph } from "@/lib/flow";
import { schemaSample } from "@/lib/schemas/schema-sample";
import { sampleEventForTopic } from "../panels/sample-event";
import { useSeededFaker } from "../panels/use-seeded-faker";

/** The open produce form (produce-host.tsx), loaded when it first opens. */
export function OpenProduceHost({ graph }: { graph: FlowGraph }) {
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
