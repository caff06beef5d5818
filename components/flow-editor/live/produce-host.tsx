"use client";

import { useCallback } from "react";
import { ProduceDialog } from "@/components/inspector/produce-dialog";
import type { FlowGraph } from "@/lib/flow";
import { sampleEventForTopic } from "../panels/sample-event";
import { useSeededFaker } from "../panels/use-seeded-faker";

/**
 * The produce form over a flow's graph: topics named by their names, data prefilled with what
 * the topic's first producer would publish (its payload template, filled in).
 */
export function ProduceHost({ graph }: { graph: FlowGraph }) {
  const makeFaker = useSeededFaker();
  const topicName = useCallback(
    (topicId: string) => {
      const node = graph.nodes.find((n) => n.id === topicId);
      return node?.kind === "topic" ? node.config.name : topicId;
    },
    [graph],
  );
  const sampleFor = useCallback(
    (topicId: string) => (makeFaker ? sampleEventForTopic(graph, topicId, makeFaker)?.data : undefined) ?? {},
    [graph, makeFaker],
  );
  return <ProduceDialog topicName={topicName} sampleFor={sampleFor} />;
}
