import type { FlowGraph, FlowNode } from "@/lib/flow";
import {
  STEP_TARGET,
  ZScenario,
  type Expectation,
  type ExpectationKind,
  type Scenario,
  type ScenarioStep,
  type StepAction,
} from "@/lib/scenarios";

/**
 * The Scenarios panel's edits as pure functions of the flow graph: a new scenario, a step or an
 * expectation with sensible defaults, a changed action that keeps what still fits, and the
 * schema check every edit passes before it reaches the shared document.
 */

const EXPECTATION_TARGET: Record<ExpectationKind, FlowNode["kind"]> = {
  "lag-below": "consumer",
  "lag-recovers": "consumer",
  "latency-below": "consumer",
  "dead-letters-below": "consumer",
  "no-loss": "consumer",
  "retention-kept": "topic",
  "throughput-at-least": "consumer",
};

/** The nodes a step with `action` can act on (rate steps: producers that have a rate). */
export function targetsOfStep(graph: FlowGraph, action: StepAction): FlowNode[] {
  const kind = STEP_TARGET[action];
  return graph.nodes.filter(
    (n) =>
      n.kind === kind &&
      (n.kind !== "producer" ||
        (action !== "multiply-rate" && action !== "set-rate") ||
        n.config.mode === "rate" ||
        n.config.mode === "interval"),
  );
}

/** The nodes an expectation of `kind` can be about. */
export const targetsOfExpectation = (graph: FlowGraph, kind: ExpectationKind): FlowNode[] =>
  graph.nodes.filter((n) => n.kind === EXPECTATION_TARGET[kind]);

/** Whether the expectation may leave its node out (then it holds for every group). */
export const expectationNodeOptional = (kind: ExpectationKind) =>
  kind === "latency-below" || kind === "dead-letters-below" || kind === "no-loss";

function unused(taken: Set<string>, make: (n: number) => string): string {
  for (let n = 1; ; n++) if (!taken.has(make(n))) return make(n);
}

/** A new scenario of ten simulated minutes that already asks one thing: no event is lost. */
export function newScenario(existing: readonly Scenario[]): Scenario {
  return {
    id: unused(new Set(existing.map((s) => s.id)), (n) => `scenario-${n}`),
    name: unused(new Set(existing.map((s) => s.name)), (n) => `Scenario ${n}`),
    durationMs: 600_000,
    steps: [],
    expectations: [{ kind: "no-loss" }],
  };
}

/** A step of `action` at `atMs`, on `nodeId` if it fits, else the first node that does. */
export function newStep(graph: FlowGraph, action: StepAction, atMs: number, nodeId?: string): ScenarioStep {
  const targets = targetsOfStep(graph, action);
  const node = targets.find((n) => n.id === nodeId)?.id ?? targets[0]?.id ?? nodeId ?? "";
  const base = { atMs, nodeId: node };
  switch (action) {
    case "multiply-rate":
      return { ...base, action, factor: 2 };
    case "set-rate":
      return { ...base, action, ratePerSec: 100 };
    case "set-failure-rate":
      return { ...base, action, failureRatePct: 10 };
    case "set-processing-time":
      return { ...base, action, minMs: 50, maxMs: 100 };
    case "inject-poison":
      return { ...base, action, count: 10 };
    case "reset-offsets":
      return { ...base, action, to: "earliest" };
    case "set-partitions":
      return { ...base, action, partitions: 6 };
    case "set-workers":
      return { ...base, action, workers: 4 };
    default:
      return { ...base, action } as ScenarioStep;
  }
}

/** An expectation of `kind`, about `nodeId` if it fits, else the first node that does. */
export function newExpectation(
  graph: FlowGraph,
  scenario: Scenario,
  kind: ExpectationKind,
  nodeId?: string,
): Expectation {
  const targets = targetsOfExpectation(graph, kind);
  const node = targets.find((n) => n.id === nodeId)?.id ?? targets[0]?.id ?? nodeId ?? "";
  switch (kind) {
    case "lag-below":
      return { kind, nodeId: node, max: 1_000 };
    case "lag-recovers":
      return {
        kind,
        nodeId: node,
        max: 100,
        afterStep: Math.max(0, scenario.steps.length - 1),
        withinMs: 60_000,
      };
    case "latency-below":
      return { kind, nodeId: nodeId === undefined ? undefined : node, quantile: "p99", maxMs: 1_000 };
    case "dead-letters-below":
      return { kind, nodeId: nodeId === undefined ? undefined : node, maxPct: 1 };
    case "no-loss":
      return { kind, nodeId: nodeId === undefined ? undefined : node };
    case "retention-kept":
      return { kind, nodeId: node };
    case "throughput-at-least":
      return { kind, nodeId: node, minPerSec: 10 };
  }
}

/** Removes step `index`; recoveries timed from a later step keep naming the same step. */
export function removeStep(scenario: Scenario, index: number): Scenario {
  return {
    ...scenario,
    steps: scenario.steps.filter((_, i) => i !== index),
    expectations: scenario.expectations.map((e) =>
      e.kind === "lag-recovers" && e.afterStep > index ? { ...e, afterStep: e.afterStep - 1 } : e,
    ),
  };
}

export const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] =>
  list.map((x, i) => (i === index ? item : x));

/** A problem of one field, its path relative to the scenario (`steps[0].factor`). */
export interface FieldProblem {
  path: string;
  message: string;
}

const pathText = (path: readonly PropertyKey[]) =>
  path.reduce<string>(
    (text, key) =>
      typeof key === "number" ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key),
    "",
  );

/**
 * Checks an edited scenario against the schema: only a scenario that passes goes into the shared
 * document (the server refuses anything else), and a failing field says why at its path.
 */
export function checkScenario(
  candidate: unknown,
): { ok: true; scenario: Scenario } | { ok: false; problems: FieldProblem[] } {
  const parsed = ZScenario.safeParse(candidate);
  // Fields left empty are dropped, not kept as `undefined`: the document holds plain JSON.
  if (parsed.success) return { ok: true, scenario: JSON.parse(JSON.stringify(parsed.data)) as Scenario };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: pathText(issue.path), message: issue.message })),
  };
}

/**
 * Simulated time as typed: `1:30` or `1:02:03` (clock), `90` or `90s`, `5m`/`5min`, `2h`.
 * Returns milliseconds, or null for anything else.
 */
export function parseSimTime(text: string): number | null {
  const t = text.trim().toLowerCase();
  const clock = /^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$/.exec(t);
  if (clock) return ((Number(clock[1] ?? 0) * 60 + Number(clock[2])) * 60 + Number(clock[3])) * 1000;
  const unit = /^(\d+(?:\.\d+)?)\s*(s|sec|m|min|h)?$/.exec(t);
  if (!unit) return null;
  const factor = unit[2] === "h" ? 3_600_000 : unit[2] === "m" || unit[2] === "min" ? 60_000 : 1_000;
  return Math.round(Number(unit[1]) * factor);
}
