import type { FlowGraph } from "@/lib/flow";

/** The events per second a flow's producers ask for when left running (manual and burst add none). */
export function configuredEventRate(graph: FlowGraph): number {
  let rate = 0;
  for (const node of graph.nodes) {
    if (node.kind !== "producer") continue;
    if (node.config.mode === "rate") rate += node.config.ratePerSec;
    else if (node.config.mode === "interval") rate += 1000 / node.config.intervalMs;
  }
  return rate;
}
