import type { FlowGraph, FlowIssue, FlowNode } from "../flow";
import type { Expectation, Scenario, ScenarioStep, StepAction } from "./schema";
import { formatSimTime } from "./sim-time";

type NodeKind = FlowNode["kind"];

/** The kind of node each step acts on. */
export const STEP_TARGET: Record<StepAction, NodeKind> = {
  "multiply-rate": "producer",
  "set-rate": "producer",
  "pause-producer": "producer",
  "resume-producer": "producer",
  "inject-poison": "producer",
  "consumer-offline": "consumer",
  "consumer-online": "consumer",
  "set-failure-rate": "consumer",
  "set-processing-time": "consumer",
  "reset-offsets": "consumer",
  "set-workers": "consumer",
  "set-partitions": "topic",
};

const EXPECTATION_TARGET: Record<Expectation["kind"], NodeKind> = {
  "lag-below": "consumer",
  "lag-recovers": "consumer",
  "latency-below": "consumer",
  "dead-letters-below": "consumer",
  "no-loss": "consumer",
  "retention-kept": "topic",
  "throughput-at-least": "consumer",
};

/** The name a person knows a node by: its group, topic name, event type or label. */
export function nodeName(node: FlowNode): string {
  if (node.label) return node.label;
  if (node.kind === "consumer") return node.config.group;
  if (node.kind === "topic") return node.config.name;
  return node.config.eventType;
}

function refIssue(
  byId: Map<string, FlowNode>,
  nodeId: string | undefined,
  want: NodeKind,
  path: string,
  what: string,
): FlowIssue | undefined {
  if (nodeId === undefined) return undefined;
  const node = byId.get(nodeId);
  if (!node)
    return { path, message: `${what} names node '${nodeId}', which is not in the flow`, severity: "error" };
  if (node.kind !== want)
    return {
      path,
      message: `${what} needs a ${want}, but '${nodeName(node)}' is a ${node.kind}`,
      severity: "error",
      nodeId,
    };
  return undefined;
}

function stepIssues(scenario: Scenario, step: ScenarioStep, at: string, byId: Map<string, FlowNode>) {
  const issues: FlowIssue[] = [];
  if (step.atMs > scenario.durationMs)
    issues.push({
      path: `${at}.atMs`,
      message: `happens at ${formatSimTime(step.atMs)}, after the scenario ends at ${formatSimTime(scenario.durationMs)}`,
      severity: "error",
    });
  const ref = refIssue(byId, step.nodeId, STEP_TARGET[step.action], `${at}.nodeId`, `step '${step.action}'`);
  if (ref) return [...issues, ref];
  const node = byId.get(step.nodeId)!;
  if ((step.action === "multiply-rate" || step.action === "set-rate") && node.kind === "producer") {
    const mode = node.config.mode;
    if (mode !== "rate" && mode !== "interval")
      issues.push({
        path: `${at}.nodeId`,
        message: `producer '${nodeName(node)}' emits in ${mode} mode: only rate and interval producers have a rate`,
        severity: "error",
        nodeId: node.id,
      });
    else if (
      step.action === "multiply-rate" &&
      mode === "rate" &&
      node.config.ratePerSec * step.factor > 100_000
    )
      issues.push({
        path: `${at}.factor`,
        message: `×${step.factor} would take '${nodeName(node)}' past 100000 events/s`,
        severity: "error",
        nodeId: node.id,
      });
  }
  if (step.action === "set-processing-time" && step.minMs > step.maxMs)
    issues.push({ path: `${at}.minMs`, message: "must not be above the maximum", severity: "error" });
  return issues;
}

function expectationIssues(scenario: Scenario, e: Expectation, at: string, byId: Map<string, FlowNode>) {
  const issues: FlowIssue[] = [];
  const ref = refIssue(byId, e.nodeId, EXPECTATION_TARGET[e.kind], `${at}.nodeId`, `expectation '${e.kind}'`);
  if (ref) issues.push(ref);
  if (e.kind === "lag-recovers" && !scenario.steps[e.afterStep])
    issues.push({
      path: `${at}.afterStep`,
      message: `names step ${e.afterStep + 1}, but the scenario has ${scenario.steps.length} step(s)`,
      severity: "error",
    });
  if (e.kind === "throughput-at-least") {
    const from = e.fromMs ?? 0;
    const to = e.toMs ?? scenario.durationMs;
    if (to > scenario.durationMs)
      issues.push({ path: `${at}.toMs`, message: "is after the scenario ends", severity: "error" });
    else if (to - from < 10_000)
      issues.push({ path: `${at}.fromMs`, message: "the range must span at least 10 s", severity: "error" });
  }
  return issues;
}

/**
 * The problems that keep one scenario from running, with paths into the flow graph
 * (`scenarios[1].steps[0].nodeId`): steps and expectations naming missing or wrong nodes,
 * times past the end, a recovery naming a missing step, a forecast on a missing group.
 */
export function validateScenario(graph: FlowGraph, scenario: Scenario, index: number): FlowIssue[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n] as const));
  const base = `scenarios[${index}]`;
  const issues = [
    ...scenario.steps.flatMap((s, i) => stepIssues(scenario, s, `${base}.steps[${i}]`, byId)),
    ...scenario.expectations.flatMap((e, i) =>
      expectationIssues(scenario, e, `${base}.expectations[${i}]`, byId),
    ),
  ];
  if (scenario.forecast) {
    const ref = refIssue(
      byId,
      scenario.forecast.nodeId,
      "consumer",
      `${base}.forecast.nodeId`,
      "the forecast",
    );
    if (ref) issues.push(ref);
  }
  if (scenario.expectations.length === 0)
    issues.push({ path: `${base}.expectations`, message: "add at least one expectation", severity: "error" });
  return issues;
}

/**
 * Every scenario's problems, as warnings for the flow (a broken scenario does not stop a
 * deploy) plus duplicate ids and names as errors (they would make scenarios ambiguous).
 */
export function scenarioIssues(graph: FlowGraph): FlowIssue[] {
  const scenarios = graph.scenarios ?? [];
  const issues: FlowIssue[] = [];
  const ids = new Set<string>();
  const names = new Set<string>();
  scenarios.forEach((s, i) => {
    if (ids.has(s.id))
      issues.push({ path: `scenarios[${i}].id`, message: `id '${s.id}' is used twice`, severity: "error" });
    if (names.has(s.name))
      issues.push({
        path: `scenarios[${i}].name`,
        message: `another scenario is named '${s.name}'`,
        severity: "error",
      });
    ids.add(s.id);
    names.add(s.name);
    for (const issue of validateScenario(graph, s, i)) issues.push({ ...issue, severity: "warning" });
  });
  return issues;
}
