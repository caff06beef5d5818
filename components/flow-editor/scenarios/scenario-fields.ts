import type { ExpectationKind, StepAction } from "@/lib/scenarios";

/** What the action menu says for each step. */
export const STEP_LABELS: Record<StepAction, string> = {
  "multiply-rate": "Multiply rate",
  "set-rate": "Set rate",
  "pause-producer": "Pause producer",
  "resume-producer": "Resume producer",
  "consumer-offline": "Take consumer offline",
  "consumer-online": "Bring consumer online",
  "set-failure-rate": "Set failure rate",
  "set-processing-time": "Set processing time",
  "inject-poison": "Inject poison events",
  "reset-offsets": "Reset offsets",
  "set-partitions": "Set partitions",
  "set-workers": "Set workers",
};

/** What the kind menu says for each expectation. */
export const EXPECTATION_LABELS: Record<ExpectationKind, string> = {
  "lag-below": "Lag stays under",
  "lag-recovers": "Lag recovers after a step",
  "latency-below": "Latency stays under",
  "dead-letters-below": "Dead letters stay under",
  "no-loss": "No event lost",
  "retention-kept": "Retention never trims unread events",
  "throughput-at-least": "Throughput at least",
};

/**
 * One parameter of a step or expectation as the panel edits it: a number, a simulated time
 * (typed as `m:ss`; `optional` ones may be left empty), a choice, or a step of the scenario.
 */
export type ParamField =
  | { key: string; label: string; type: "number"; integer?: boolean; optional?: false }
  | { key: string; label: string; type: "time"; optional?: boolean }
  | { key: string; label: string; type: "choice"; options: readonly string[] }
  | { key: string; label: string; type: "step" };

const number = (key: string, label: string, integer = false): ParamField => ({
  key,
  label,
  type: "number",
  integer,
});

export const STEP_PARAMS: Record<StepAction, ParamField[]> = {
  "multiply-rate": [number("factor", "Factor (×)")],
  "set-rate": [number("ratePerSec", "Events/s")],
  "pause-producer": [],
  "resume-producer": [],
  "consumer-offline": [],
  "consumer-online": [],
  "set-failure-rate": [number("failureRatePct", "Failure %")],
  "set-processing-time": [number("minMs", "Min ms"), number("maxMs", "Max ms")],
  "inject-poison": [number("count", "Poison events", true)],
  "reset-offsets": [{ key: "to", label: "To", type: "choice", options: ["earliest", "latest"] }],
  "set-partitions": [number("partitions", "Partitions", true)],
  "set-workers": [number("workers", "Workers", true)],
};

export const EXPECTATION_PARAMS: Record<ExpectationKind, ParamField[]> = {
  "lag-below": [number("max", "Max lag (events)", true)],
  "lag-recovers": [
    number("max", "Max lag (events)", true),
    { key: "afterStep", label: "After step", type: "step" },
    { key: "withinMs", label: "Within", type: "time" },
  ],
  "latency-below": [
    { key: "quantile", label: "Quantile", type: "choice", options: ["p50", "p95", "p99"] },
    number("maxMs", "Max ms"),
  ],
  "dead-letters-below": [number("maxPct", "Max % of published")],
  "no-loss": [],
  "retention-kept": [],
  "throughput-at-least": [
    number("minPerSec", "Min events/s"),
    { key: "fromMs", label: "From", type: "time", optional: true },
    { key: "toMs", label: "To", type: "time", optional: true },
  ],
};

/** Reads a number field: a finite number, or the reason it is not one. */
export function parseNumber(text: string, integer = false): { value: number } | { error: string } {
  const t = text.trim();
  if (t === "") return { error: "enter a number" };
  const value = Number(t);
  if (!Number.isFinite(value)) return { error: `'${t.slice(0, 20)}' is not a number` };
  if (integer && !Number.isInteger(value)) return { error: "must be a whole number" };
  return { value };
}
