import type { FlowGraph } from "@/lib/flow";

/**
 * The events per second a flow's producers ask for when left running. A burst producer counts
 * its burst size (a burst at deploy and one per fire may come every second); a manual producer
 * adds none (each fire is bounded by the runtime's ceiling and the control rate limits).
 */
export function configuredEventRate(graph: FlowGraph): number {
  let rate = 0;
  for (const node of graph.nodes) {
    if (node.kind !== "producer") continue;
    if (node.config.mode === "rate") rate += node.config.ratePerSec;
    else if (node.config.mode === "interval") rate += 1000 / node.config.intervalMs;
    else if (node.config.mode === "burst") rate += node.config.burstCount;
  }
  return rate;
}
