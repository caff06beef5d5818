import type { ExpectationResult, ResultUnit } from "@/lib/scenarios/results";
import type { Expectation, Scenario } from "@/lib/scenarios";
import { deadLettered, groupIds, lagOf, lostOf, publishedTotal, type Tick, type WindowStats } from "./probe";

/**
 * Checks one expectation as simulated time goes by: `second` at the end of every simulated
 * second, `window` at the end of every 10 s window, `finish` once at the end. Memory is
 * constant in simulated time except for the dead-letter budget (one number per second).
 */
export interface Evaluator {
  readonly violated: boolean;
  second(tick: Tick): void;
  window(stats: WindowStats): void;
  finish(last: Tick): ExpectationResult;
}

type Violation = { atMs: number; value: number; unit: ResultUnit };

/** Shared bookkeeping: the first violation and the worst value seen. */
class Track {
  first: Violation | undefined;
  worst: number;
  constructor(
    readonly unit: ResultUnit,
    readonly upper: boolean,
    start: number,
  ) {
    this.worst = start;
  }
  see(atMs: number, value: number, bad: boolean): void {
    if (this.upper ? value > this.worst : value < this.worst) this.worst = value;
    if (bad && !this.first) this.first = { atMs, value, unit: this.unit };
  }
}

const headroomBelow = (value: number, limit: number) =>
  limit > 0 ? (limit - value) / limit : value === 0 ? 1 : -1;
const headroomAbove = (value: number, limit: number) => (limit > 0 ? (value - limit) / limit : 1);

function result(
  index: number,
  e: Expectation,
  track: Track,
  limit: number,
  value: number,
  extra: Partial<ExpectationResult> = {},
): ExpectationResult {
  const headroom = track.upper ? headroomBelow(value, limit) : headroomAbove(value, limit);
  return {
    index,
    kind: e.kind,
    ...(e.nodeId ? { nodeId: e.nodeId } : {}),
    passed: !track.first,
    value,
    limit,
    unit: track.unit,
    headroom: Math.round(headroom * 1000) / 1000,
    ...(track.first ? { firstViolation: track.first } : {}),
    ...extra,
  };
}

const noWindow = () => {};
const noSecond = () => {};

/** Builds the evaluator of expectation `index` of `scenario`. */
export function createEvaluator(scenario: Scenario, index: number): Evaluator {
  const e = scenario.expectations[index];
  switch (e.kind) {
    case "lag-below": {
      const t = new Track("events", true, 0);
      return {
        get violated() {
          return !!t.first;
        },
        second: (tick) => {
          const lag = lagOf(tick, e.nodeId);
          t.see(tick.atMs, lag, lag > e.max);
        },
        window: noWindow,
        finish: () => result(index, e, t, e.max, t.worst),
      };
    }
    case "lag-recovers": {
      const stepAt = scenario.steps[e.afterStep]?.atMs ?? 0;
      const deadline = stepAt + e.withinMs;
      const t = new Track("ms", true, 0);
      let recoveredAt: number | undefined;
      return {
        get violated() {
          return !!t.first;
        },
        second: (tick) => {
          // Keeps watching after a late deadline, to say when it did recover.
          if (tick.atMs < stepAt || recoveredAt !== undefined) return;
          const lag = lagOf(tick, e.nodeId);
          if (lag <= e.max) recoveredAt = tick.atMs;
          if (recoveredAt !== undefined ? recoveredAt > deadline : tick.atMs >= deadline)
            t.first ??= { atMs: tick.atMs, value: lag, unit: "events" };
        },
        window: noWindow,
        finish: (last) => {
          if (recoveredAt === undefined && !t.first)
            t.first = { atMs: last.atMs, value: lagOf(last, e.nodeId), unit: "events" };
          const after = recoveredAt === undefined ? undefined : recoveredAt - stepAt;
          return result(index, e, t, e.withinMs, after ?? Math.max(e.withinMs, last.atMs - stepAt), {
            ...(after === undefined ? {} : { recoveredAfterMs: after }),
          });
        },
      };
    }
    case "latency-below": {
      const t = new Track("ms", true, 0);
      return {
        get violated() {
          return !!t.first;
        },
        second: noSecond,
        window: (stats) => {
          for (const [id, g] of stats.groups) {
            if (e.nodeId !== undefined && id !== e.nodeId) continue;
            const v = g[e.quantile];
            if (!Number.isNaN(v)) t.see(stats.endMs, v, v > e.maxMs);
          }
        },
        finish: () => result(index, e, t, e.maxMs, t.worst),
      };
    }
    case "dead-letters-below": {
      // Cumulative dead letters per second: the budget is a share of the final published count.
      const perSecond: number[] = [];
      const t = new Track("%", true, 0);
      return {
        violated: false,
        second: (tick) => void perSecond.push(deadLettered(tick, e.nodeId)),
        window: noWindow,
        finish: (last) => {
          const published = publishedTotal(last);
          const letters = deadLettered(last, e.nodeId);
          const pct = published > 0 ? (100 * letters) / published : 0;
          const budget = (e.maxPct / 100) * published;
          if (letters > budget) {
            const s = perSecond.findIndex((n) => n > budget);
            const atSecond = s < 0 ? last.atMs : (s + 1) * 1000;
            t.first = { atMs: atSecond, value: s < 0 ? letters : perSecond[s], unit: "events" };
          }
          t.worst = pct;
          return result(index, e, t, e.maxPct, Math.round(pct * 1000) / 1000);
        },
      };
    }
    case "no-loss":
    case "retention-kept": {
      const t = new Track("events", true, 0);
      const scope = (tick: Tick) =>
        e.nodeId !== undefined ? [e.nodeId] : e.kind === "no-loss" ? groupIds(tick) : [];
      const lost = (tick: Tick) => scope(tick).reduce((sum, id) => sum + lostOf(tick, id), 0);
      return {
        get violated() {
          return !!t.first;
        },
        second: (tick) => {
          const n = lost(tick);
          t.see(tick.atMs, n, n > 0);
        },
        window: noWindow,
        finish: (last) => result(index, e, t, 0, lost(last)),
      };
    }
    case "throughput-at-least": {
      const from = e.fromMs ?? 0;
      const to = e.toMs ?? scenario.durationMs;
      const t = new Track("events/s", false, Infinity);
      return {
        get violated() {
          return !!t.first;
        },
        second: noSecond,
        window: (stats) => {
          if (stats.startMs < from || stats.endMs > to) return;
          const rate = (stats.groups.get(e.nodeId)?.finished ?? 0) / ((stats.endMs - stats.startMs) / 1000);
          t.see(stats.endMs, rate, rate < e.minPerSec);
        },
        finish: () => result(index, e, t, e.minPerSec, t.worst === Infinity ? 0 : t.worst),
      };
    }
  }
}
