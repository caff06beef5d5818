import type { ConsumerNode, FlowGraph } from "@/lib/flow";
import { namesInUse, uniqueName } from "@/lib/flow/names";

/** Per graph: how many consumers use each group, and each consumer's group. */
const groupsOf = new WeakMap<FlowGraph, { count: Map<string, number>; byId: Map<string, string> }>();

/**
 * How many other consumers of the flow use this consumer's group (a pasted copy keeps it).
 * Every consumer on the canvas asks at each change of the graph: the groups are counted once per graph.
 */
export function groupSharers(graph: FlowGraph, node: ConsumerNode): number {
  let groups = groupsOf.get(graph);
  if (!groups) {
    groups = { count: new Map(), byId: new Map() };
    for (const n of graph.nodes)
      if (n.kind === "consumer") {
        groups.count.set(n.config.group, (groups.count.get(n.config.group) ?? 0) + 1);
        groups.byId.set(n.id, n.config.group);
      }
    groupsOf.set(graph, groups);
  }
  const group = node.config.group;
  return (groups.count.get(group) ?? 0) - (groups.byId.get(node.id) === group ? 1 : 0);
}

/** What sharing a group means, in one sentence. */
export function groupShareText(group: string, others: number): string {
  return `${others === 1 ? "Another consumer uses" : `${others} other consumers use`} the group '${group}': together they split the work, each event goes to only one of them. Give this one its own group to receive every event too.`;
}

/** A group name no consumer of the flow uses yet, made from this one ('payments' → 'payments-2'). */
export function freshGroupName(graph: FlowGraph, group: string): string {
  return uniqueName(group, namesInUse(graph.nodes, "consumer"), 200);
}
