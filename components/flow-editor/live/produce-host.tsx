"use client";

import { useEffect } from "react";
import { useInspector } from "@/components/inspector/inspector-context";
import { onDemand } from "@/components/ui/on-demand";
import type { FlowGraph } from "@/lib/flow";
import { loadSeededFaker } from "../panels/use-seeded-faker";

// The form and faker (most of a megabyte) are fetched side by side when the form first opens,
// not with every designer.
const OpenProduceHost = onDemand(
  () => import("./open-produce-host").then((m) => m.OpenProduceHost),
  "The produce form",
);

/**
 * The produce form over a flow's graph: topics named by their names, data prefilled from the
 * topic's schema, else with what the topic's first producer would publish (its template, filled in).
 */
export function ProduceHost({ graph }: { graph: FlowGraph }) {
  const producing = useInspector((s) => s.producing);
  useEffect(() => {
    if (producing) loadSeededFaker().catch(() => {});
  }, [producing]);
  return producing ? <OpenProduceHost graph={graph} /> : null;
}
