import { SCENARIO_LIMITS } from "@/lib/scenarios/limits";
import type { ScenarioSeries } from "@/lib/scenarios/results";
import type { FlowRun } from "../run/flow-run";
import { groupIds, type Tick } from "./probe";
import { GroupWindows } from "./windows";

const round = (n: number) => Math.round(n * 100) / 100;
const OUTCOME_KEYS = [
  ["acked", "acked"],
  ["failed", "failed"],
  ["deadLettered", "dead-lettered"],
  ["dropped", "dropped"],
] as const;

/**
 * Chart series over simulated time. Points are buckets of whole seconds, sized so a run
 * never has more than SCENARIO_LIMITS.maxSeriesPoints points: a 24 h run is charted in
 * 2-minute points, a 10-minute run in seconds. Lag is the bucket's highest, rates averages.
 */
export class SeriesRecorder {
  readonly series: ScenarioSeries;
  private readonly windows: GroupWindows;
  private readonly last = new Map<string, number>();
  private lagMax = new Map<string, number>();
  private inBucket = 0;
  private started = false;

  constructor(run: FlowRun, durationMs: number) {
    const seconds = Math.ceil(durationMs / 1000);
    const bucketSec = Math.max(1, Math.ceil(seconds / SCENARIO_LIMITS.maxSeriesPoints));
    this.windows = new GroupWindows(run);
    this.series = {
      bucketSec,
      t: [],
      producers: {},
      groups: {},
      outcomes: { acked: [], failed: [], deadLettered: [], dropped: [] },
    };
  }

  /** Marks where the first bucket starts (the run's start). */
  begin(tick: Tick): void {
    this.windows.begin(tick, groupIds(tick));
    this.remember(tick);
    this.started = true;
  }

  /** Takes one simulated second; closes a bucket when it is full (or `final`). */
  second(tick: Tick, final = false): void {
    if (!this.started) this.begin(tick);
    for (const id of groupIds(tick)) {
      const lag = tick.metrics.nodes[id]?.lag?.total ?? 0;
      this.lagMax.set(id, Math.max(this.lagMax.get(id) ?? 0, lag));
    }
    this.inBucket++;
    if (this.inBucket >= this.series.bucketSec || final) this.close(tick);
  }

  private close(tick: Tick): void {
    const s = this.series;
    const width = this.inBucket;
    const index = s.t.length;
    s.t.push(tick.atMs / 1000);
    const ids = groupIds(tick);
    const windows = this.windows.end(tick, ids);
    const delta = (key: string, value: number) => value - (this.last.get(key) ?? 0);
    const pad = (list: number[]) => {
      while (list.length < index) list.push(0);
      return list;
    };
    for (const node of Object.values(tick.metrics.nodes)) {
      if (node.kind === "producer") {
        const p = (s.producers[node.nodeId] ??= { published: [] });
        pad(p.published).push(round(delta(`p:${node.nodeId}`, node.counts.published) / width));
      } else if (node.kind === "consumer") {
        const g = (s.groups[node.nodeId] ??= { lag: [], throughput: [], p99: [] });
        const w = windows.get(node.nodeId);
        pad(g.lag).push(this.lagMax.get(node.nodeId) ?? 0);
        pad(g.throughput).push(round((w?.finished ?? 0) / width));
        pad(g.p99).push(w && !Number.isNaN(w.p99) ? round(w.p99) : 0);
      }
    }
    for (const [key, outcome] of OUTCOME_KEYS) {
      let total = 0;
      for (const node of Object.values(tick.metrics.nodes))
        if (node.kind === "consumer") total += node.counts[outcome];
      s.outcomes[key].push(round(delta(`o:${key}`, total) / width));
    }
    this.windows.begin(tick, ids);
    this.remember(tick);
    this.lagMax = new Map();
    this.inBucket = 0;
  }

  private remember(tick: Tick): void {
    for (const node of Object.values(tick.metrics.nodes))
      if (node.kind === "producer") this.last.set(`p:${node.nodeId}`, node.counts.published);
    for (const [key, outcome] of OUTCOME_KEYS) {
      let total = 0;
      for (const node of Object.values(tick.metrics.nodes))
        if (node.kind === "consumer") total += node.counts[outcome];
      this.last.set(`o:${key}`, total);
    }
  }
}
