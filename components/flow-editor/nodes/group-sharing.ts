import type { ConsumerNode, FlowGraph } from "@/lib/flow";
import { namesInUse, uniqueName } from "@/lib/flow/names";

/** How many other consumers of the flow use this consumer's group (a pasted copy keeps it). */
export function groupSharers(graph: FlowGraph, node: ConsumerNode): number {
  return graph.nodes.filter(
    (n) => n.kind === "consumer" && n.id !== node.id && n.config.group === node.config.group,
  ).length;
}

/** What sharing a group means, in one sentence. */
export function groupShareText(group: string, others: number): string {
  return `${others === 1 ? "Another consumer uses" : `${others} other consumers use`} the group '${group}': together they split the work, each event goes to only one of them. Give this one its own group to receive every event too.`;
}

/** A group name no consumer of the flow uses yet, made from this one ('payments' → 'payments-2'). */
export function freshGroupName(graph: FlowGraph, group: string): string {
  return uniqueName(group, namesInUse(graph.nodes, "consumer"), 200);
}
