import type { ExpectationKind } from "./schema";

/** The unit an expectation's numbers are in. */
export type ResultUnit = "events" | "ms" | "%" | "events/s";

/** How one expectation did in one run. */
export interface ExpectationResult {
  index: number;
  kind: ExpectationKind;
  nodeId?: string;
  passed: boolean;
  /** The measure that decides it: the worst seen (lag, latency, loss), the final share, the slowest window. */
  value: number;
  /** The bound it was held to. */
  limit: number;
  unit: ResultUnit;
  /** Relative room left: (limit − value) / limit for upper bounds, (value − limit) / limit for lower ones. */
  headroom: number;
  /** The first moment it did not hold, and what was measured then. */
  firstViolation?: { atMs: number; value: number; unit: ResultUnit };
  /** lag-recovers: how long after the step lag was back under the bound (absent: never). */
  recoveredAfterMs?: number;
}

/** A step as it happened, for the markers on the charts. */
export interface StepMarker {
  index: number;
  atMs: number;
  action: string;
  nodeId: string;
}

/**
 * Chart series over simulated time, downsampled to at most SCENARIO_LIMITS.maxSeriesPoints
 * points: `t` holds each point's end in seconds; rates are per-second averages over the point.
 */
export interface ScenarioSeries {
  bucketSec: number;
  t: number[];
  producers: Record<string, { published: number[] }>;
  groups: Record<string, { lag: number[]; throughput: number[]; p99: number[] }>;
  outcomes: { acked: number[]; failed: number[]; deadLettered: number[]; dropped: number[] };
}

export interface ScenarioTotals {
  published: number;
  acked: number;
  failed: number;
  deadLettered: number;
  dropped: number;
  filtered: number;
  lost: number;
}

export type ScenarioRunStatus = "passed" | "failed" | "cancelled" | "over-budget";

/** Everything one run of a scenario produced. */
export interface ScenarioResult {
  scenarioId: string;
  scenarioName: string;
  seed: number;
  durationMs: number;
  /** Simulated time actually covered (less than durationMs when cancelled or cut). */
  simulatedMs: number;
  status: ScenarioRunStatus;
  message?: string;
  expectations: ExpectationResult[];
  steps: StepMarker[];
  series: ScenarioSeries;
  totals: ScenarioTotals;
  /** Wall-clock time the run took on the machine that ran it. */
  wallMs: number;
}

/** One row of a capacity forecast. */
export interface ForecastRow {
  multiplier: number;
  /** Smallest worker count that meets every expectation (undefined: not reachable within limits). */
  workers?: number;
  /** Partitions of the group's topics at that point (raised only when partitions were the limit). */
  partitions?: number;
  partitionsLimited: boolean;
  /** Tightest headroom among the expectations at that point. */
  margin?: number;
  /** The expectation that left the least room (or failed, when unreachable). */
  tightest?: number;
  simulations: number;
}

export interface ForecastResult {
  nodeId: string;
  baseWorkers: number;
  basePartitions: number;
  rows: ForecastRow[];
  wallMs: number;
}

export type Verdict = "better" | "worse" | "same" | "new";

/**
 * Compares each expectation with the same one (by index and kind) of an earlier run:
 * a pass that was a fail is better, the reverse worse; otherwise more headroom is better.
 */
export function compareRuns(previous: ScenarioResult | undefined, next: ScenarioResult): Verdict[] {
  return next.expectations.map((e) => {
    const before = previous?.expectations.find((p) => p.index === e.index && p.kind === e.kind);
    if (!before) return "new";
    if (before.passed !== e.passed) return e.passed ? "better" : "worse";
    const delta = e.headroom - before.headroom;
    if (Math.abs(delta) < 0.005) return "same";
    return delta > 0 ? "better" : "worse";
  });
}
