import { VirtualTime } from "./clock/virtual-time";
import type { RunOptions } from "./options";
import { OUTCOMES, O_ACKED, O_DEAD_LETTERED, O_DROPPED, O_PUBLISHED, type Outcome } from "./records/outcomes";
import { createFlowRun } from "./run/flow-run";
import type { RunMetrics } from "./run/metrics-snapshot";
import type { RuntimeError } from "./errors";

/** Per simulated second, for one node. */
export interface NodeSeries {
  kind: "producer" | "topic" | "consumer";
  /** Producers: events published; topics: events appended; consumers: deliveries finished (acked, dead-lettered, dropped). */
  throughput: number[];
  /** Consumers: total lag at the end of each second; others: zeros. */
  lag: number[];
  /** Records by outcome during each second. */
  outcomes: Record<Outcome, number[]>;
}

export interface SimulationResult {
  seconds: number;
  seed: number;
  nodes: Record<string, NodeSeries>;
}

/**
 * Runs a flow under a virtual clock as fast as the CPU allows and returns per-second series
 * per node. Records are off (metrics are exact regardless); the same seed gives the same series.
 */
export async function simulate(
  graph: unknown,
  options: { durationMs: number; seed: number; runOptions?: RunOptions },
): Promise<{ ok: true; value: SimulationResult } | { ok: false; error: RuntimeError }> {
  const time = new VirtualTime(0);
  const created = createFlowRun({
    flowId: "sim",
    graph,
    version: 1,
    seed: options.seed,
    ports: { clock: time, scheduler: time },
    options: { recordsEnabled: false, historySize: 16, ...options.runOptions },
  });
  if (!created.ok) return created;
  const run = created.value;
  run.start();
  const seconds = Math.ceil(options.durationMs / 1000);
  const nodes: Record<string, NodeSeries> = {};
  const last = new Map<string, Float64Array>();
  for (let s = 1; s <= seconds; s++) {
    // Sample just before the second ends: an event at exactly s × 1000 belongs to the next second.
    await time.advanceTo(s * 1000 - 1e-6);
    sample(run.metrics({ latency: false }), nodes, last, seconds, s - 1);
    await time.advanceTo(s * 1000);
  }
  await run.stop({ graceMs: 0 });
  return { ok: true, value: { seconds, seed: options.seed, nodes } };
}

function sample(
  metrics: RunMetrics,
  nodes: Record<string, NodeSeries>,
  last: Map<string, Float64Array>,
  seconds: number,
  index: number,
): void {
  for (const [id, snap] of Object.entries(metrics.nodes)) {
    let series = nodes[id];
    if (!series) {
      const outcomes = {} as Record<Outcome, number[]>;
      for (const o of OUTCOMES) outcomes[o] = new Array(seconds).fill(0);
      series = nodes[id] = {
        kind: snap.kind,
        throughput: new Array(seconds).fill(0),
        lag: new Array(seconds).fill(0),
        outcomes,
      };
      last.set(id, new Float64Array(OUTCOMES.length));
    }
    const prev = last.get(id)!;
    const now = OUTCOMES.map((o) => snap.counts[o]);
    OUTCOMES.forEach((o, i) => (series.outcomes[o][index] = now[i] - prev[i]));
    const delta = (i: number) => now[i] - prev[i];
    series.throughput[index] =
      snap.kind === "consumer"
        ? delta(O_ACKED) + delta(O_DEAD_LETTERED) + delta(O_DROPPED)
        : delta(O_PUBLISHED);
    series.lag[index] = snap.lag?.total ?? 0;
    prev.set(now);
  }
}
