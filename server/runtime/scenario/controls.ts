import type { FlowGraph } from "@/lib/flow";
import type { ScenarioStep } from "@/lib/scenarios";
import type { FlowRun } from "../run/flow-run";
import { subscribedTopics } from "./plan";

/** Applies a step that is a run control (not a config change) to the run. */
export function applyControl(run: FlowRun, step: ScenarioStep): void {
  switch (step.action) {
    case "pause-producer":
      run.pauseProducer(step.nodeId);
      break;
    case "resume-producer":
      run.resumeProducer(step.nodeId);
      break;
    case "consumer-offline":
      run.setConsumerOnline(step.nodeId, false);
      break;
    case "consumer-online":
      run.setConsumerOnline(step.nodeId, true);
      break;
    case "inject-poison":
      run.injectPoison(step.nodeId, step.count);
      break;
    case "reset-offsets":
      run.resetGroupOffsets(step.nodeId, { to: step.to });
      break;
  }
}

/**
 * Before a redeploy removes partitions: the events of the removed partitions that a
 * subscribed group had not finished are lost to it. Adds them to `loss` by group and topic.
 */
export function shrinkLoss(
  run: FlowRun,
  graph: FlowGraph,
  step: ScenarioStep,
  loss: Map<string, number>,
): void {
  if (step.action !== "set-partitions") return;
  const metrics = run.metrics({ latency: false });
  for (const node of graph.nodes) {
    if (node.kind !== "consumer" || !subscribedTopics(graph, node.id).includes(step.nodeId)) continue;
    const lost = (metrics.nodes[node.id]?.lag?.partitions ?? [])
      .filter((p) => p.topicNodeId === step.nodeId && p.partition >= step.partitions)
      .reduce((sum, p) => sum + p.lag, 0);
    if (lost === 0) continue;
    loss.set(node.id, (loss.get(node.id) ?? 0) + lost);
    loss.set(step.nodeId, (loss.get(step.nodeId) ?? 0) + lost);
  }
}
