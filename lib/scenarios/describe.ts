import type { FlowGraph } from "../flow";
import type { ExpectationResult, ResultUnit } from "./results";
import type { Expectation, ScenarioStep } from "./schema";
import { formatSimTime } from "./sim-time";
import { nodeName } from "./validate";

export { formatSimTime };

/** A duration in words: `90 s`, `5 min`, `2 h 30 min`. */
export function formatDuration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6_000) / 10} min`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.round((ms % 3_600_000) / 60_000);
  return m > 0 ? `${h} h ${m} min` : `${h} h`;
}

/** A measured value with its unit, rounded for reading. */
export function formatValue(value: number, unit: ResultUnit): string {
  const rounded =
    Math.abs(value) >= 100
      ? Math.round(value)
      : Math.abs(value) >= 10
        ? Math.round(value * 10) / 10
        : Math.round(value * 100) / 100;
  const text = rounded.toLocaleString("en");
  if (unit === "%") return `${text} %`;
  if (unit === "ms") return value >= 10_000 ? formatDuration(value) : `${text} ms`;
  return `${text} ${unit}`;
}

const named = (graph: FlowGraph | undefined, id: string | undefined, fallback = "every group") => {
  if (id === undefined) return fallback;
  const node = graph?.nodes.find((n) => n.id === id);
  return node ? `'${nodeName(node)}'` : `'${id}' (missing)`;
};

/** One step in words, e.g. "multiply 'order.placed' rate ×5". */
export function describeStep(step: ScenarioStep, graph?: FlowGraph): string {
  const who = named(graph, step.nodeId);
  switch (step.action) {
    case "multiply-rate":
      return `${who} at ×${step.factor} its designed rate`;
    case "set-rate":
      return `${who} at ${step.ratePerSec} events/s`;
    case "pause-producer":
      return `pause ${who}`;
    case "resume-producer":
      return `resume ${who}`;
    case "consumer-offline":
      return `${who} goes offline`;
    case "consumer-online":
      return `${who} comes back online`;
    case "set-failure-rate":
      return `${who} fails ${step.failureRatePct} % of attempts`;
    case "set-processing-time":
      return `${who} takes ${step.minMs}–${step.maxMs} ms per delivery`;
    case "inject-poison":
      return `${step.count} poison event${step.count === 1 ? "" : "s"} from ${who}`;
    case "reset-offsets":
      return `reset ${who} to the ${step.to} offsets`;
    case "set-partitions":
      return `${who} redeployed with ${step.partitions} partitions`;
    case "set-workers":
      return `${who} redeployed with ${step.workers} workers`;
  }
}

/** One expectation in words, e.g. "lag of 'email' stays ≤ 1,000". */
export function describeExpectation(e: Expectation, graph?: FlowGraph, stepCount?: number): string {
  const who = named(graph, e.nodeId);
  switch (e.kind) {
    case "lag-below":
      return `lag of ${who} stays ≤ ${e.max.toLocaleString("en")}`;
    case "lag-recovers":
      return `lag of ${who} is back ≤ ${e.max.toLocaleString("en")} within ${formatDuration(e.withinMs)} of step ${e.afterStep + 1}${stepCount !== undefined && e.afterStep >= stepCount ? " (missing)" : ""}`;
    case "latency-below":
      return `${e.quantile} latency of ${who} stays < ${e.maxMs} ms (each 10 s)`;
    case "dead-letters-below":
      return `dead letters of ${who} ≤ ${e.maxPct} % of published`;
    case "no-loss":
      return `no event lost at ${who}`;
    case "retention-kept":
      return `retention of ${who} never trims unread events`;
    case "throughput-at-least":
      return `${who} finishes ≥ ${e.minPerSec} events/s (each 10 s${e.fromMs !== undefined || e.toMs !== undefined ? `, ${formatSimTime(e.fromMs ?? 0)}–${e.toMs !== undefined ? formatSimTime(e.toMs) : "end"}` : ""})`;
  }
}

/** How an expectation did, in words: "passed (worst 120 events)" or "failed at 2:05: 1,204 events". */
export function describeOutcome(result: ExpectationResult): string {
  if (result.passed) {
    if (result.kind === "lag-recovers" && result.recoveredAfterMs !== undefined)
      return `passed: back after ${formatDuration(result.recoveredAfterMs)}`;
    return `passed (${result.kind === "throughput-at-least" ? "slowest" : result.kind === "dead-letters-below" ? "share" : "worst"} ${formatValue(result.value, result.unit)})`;
  }
  const v = result.firstViolation;
  const first = v ? `failed at ${formatSimTime(v.atMs)}: ${formatValue(v.value, v.unit)}` : "failed";
  return result.kind === "dead-letters-below" ? `${first} (share ${formatValue(result.value, "%")})` : first;
}
