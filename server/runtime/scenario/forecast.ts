import { readGraph } from "@/lib/flow";
import type { ForecastRequest } from "@/lib/scenarios";
import type { ForecastResult, ForecastRow, ScenarioResult } from "@/lib/scenarios/results";
import { fail, ok, type ControlResult } from "../errors";
import { subscribedTopics, type Capacity } from "./plan";
import { findScenario, runScenario, type ScenarioRunOptions } from "./run-scenario";

const MAX_WORKERS = 64;
const MAX_PARTITIONS = 64;

export interface ForecastOptions extends Pick<
  ScenarioRunOptions,
  "seed" | "signal" | "sliceMs" | "maxEvents"
> {
  /** Called after each simulation with the number done. */
  onSimulation?: (done: number) => void;
  /** Events all the forecast's simulations together may publish; past it the forecast stops. */
  maxTotalEvents?: number;
}

type Check = (capacity: Capacity) => Promise<ScenarioResult | undefined>;

/** Smallest n in [lo, hi] for which `passes(n)`, assuming a pass stays a pass as n grows; hi must pass. */
export async function smallestPassing(
  lo: number,
  hi: number,
  passes: (n: number) => Promise<boolean>,
): Promise<number> {
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (await passes(mid)) hi = mid;
    else lo = mid + 1;
  }
  return hi;
}

/**
 * Smallest n in [lo, hi] for which `passes(n)` (same assumption), galloping up from `lo`
 * (lo, 2·lo, 4·lo …) before the binary search: failing simulations stop at their first
 * violation and cost little, passing ones run to the end. Undefined when hi fails too.
 */
export async function smallestPassingFrom(
  lo: number,
  hi: number,
  passes: (n: number) => Promise<boolean>,
): Promise<number | undefined> {
  let below = lo - 1;
  let n = lo;
  while (!(await passes(n))) {
    if (n >= hi) return undefined;
    below = n;
    n = Math.min(hi, Math.max(n + 1, n * 2));
  }
  return smallestPassing(below + 1, n, passes);
}

/**
 * The capacity forecast: for each traffic multiplier, the smallest worker count of one
 * consumer group with which every expectation of the scenario on that group, its topics or
 * the whole flow holds (expectations on other groups are left out: its capacity cannot
 * change them), found by binary search
 * over simulations (a failing simulation stops at its first violation). Workers past the
 * group's partition count would sit idle, so when even one worker per partition fails, the
 * partitions of the group's topics are raised (with one worker per partition) and the
 * workers searched again at the smallest partition count that passes.
 */
export async function forecastCapacity(
  graphInput: unknown,
  scenarioRef: string,
  request: ForecastRequest | undefined,
  options: ForecastOptions = {},
): Promise<ControlResult<ForecastResult>> {
  const started = performance.now();
  const read = readGraph(graphInput);
  if (!read.graph) return fail("invalid-graph", "the flow does not pass validation", { issues: read.issues });
  const graph = read.graph;
  const found = findScenario(graph, scenarioRef);
  if (!found) return fail("unknown-scenario", `the flow has no scenario '${scenarioRef}'`);
  const ask = request ?? found.scenario.forecast;
  if (!ask) return fail("bad-argument", "name a consumer group and multipliers for the forecast");
  const group = graph.nodes.find((n) => n.id === ask.nodeId);
  if (!group || group.kind !== "consumer")
    return fail("unknown-node", `no consumer '${ask.nodeId}' in this flow`, { nodeId: ask.nodeId });
  const topics = subscribedTopics(graph, group.id);
  const topicNodes = graph.nodes.filter((n) => topics.includes(n.id));
  const partitionCounts = topicNodes.map((n) => (n.kind === "topic" ? n.config.partitions : 1));
  const basePartitions = Math.max(1, ...partitionCounts);
  const totalPartitions = partitionCounts.reduce((a, b) => a + b, 0);
  const perPartition = Math.max(1, topics.length);
  let simulations = 0;
  let published = 0;
  let failure: ControlResult<ForecastResult> | undefined;

  const rows: ForecastRow[] = [];
  let floor = 1;
  for (const multiplier of [...ask.multipliers].sort((a, b) => a - b)) {
    let runs = 0;
    const results = new Map<string, ScenarioResult>();
    const check: Check = async (capacity) => {
      const key = `${capacity.workers}/${capacity.partitions ?? ""}`;
      if (results.has(key)) return results.get(key);
      const run = await runScenario(graph, found.scenario.id, {
        ...options,
        variation: { multiplier, capacity },
        stopAtFirstFailure: true,
        // Expectations on other groups or topics do not change with this group's capacity.
        expectationFilter: (e) =>
          e.nodeId === undefined || e.nodeId === group.id || topics.includes(e.nodeId),
      });
      simulations++;
      runs++;
      options.onSimulation?.(simulations);
      if (!run.ok) {
        failure = run as ControlResult<ForecastResult>;
        throw new Stop();
      }
      published += run.value.totals.published;
      if (options.maxTotalEvents !== undefined && published > options.maxTotalEvents) {
        failure = fail(
          "over-budget",
          `the forecast stopped after ${simulations} simulations: together they published more than ${options.maxTotalEvents.toLocaleString("en")} events`,
        );
        throw new Stop();
      }
      results.set(key, run.value);
      return run.value;
    };
    const passes = async (capacity: Capacity) => {
      const result = await check(capacity);
      if (options.signal?.aborted) throw new Stop();
      return result?.status === "passed";
    };
    try {
      const useful = Math.min(MAX_WORKERS, Math.max(1, totalPartitions));
      const byWorkers = (n: number) => passes({ groupId: group.id, workers: n });
      let workers = await smallestPassingFrom(Math.min(floor, useful), useful, byWorkers);
      let partitions: number | undefined;
      if (workers === undefined && basePartitions < MAX_PARTITIONS) {
        const at = (p: number): Capacity => ({
          groupId: group.id,
          workers: Math.min(MAX_WORKERS, p * perPartition),
          partitions: p,
        });
        partitions = await smallestPassingFrom(basePartitions + 1, MAX_PARTITIONS, (p) => passes(at(p)));
        const p = partitions;
        if (p !== undefined)
          workers = await smallestPassing(Math.min(floor, at(p).workers), at(p).workers, (n) =>
            passes({ groupId: group.id, workers: n, partitions: p }),
          );
      }
      const key = workers === undefined ? undefined : `${workers}/${partitions ?? ""}`;
      const best = key ? results.get(key) : undefined;
      const tight = best ?? [...results.values()].at(-1);
      const tightest = tight?.expectations.reduce((a, b) => (b.headroom < a.headroom ? b : a));
      rows.push({
        multiplier,
        ...(workers !== undefined ? { workers } : {}),
        ...(partitions !== undefined ? { partitions } : {}),
        partitionsLimited: partitions !== undefined,
        ...(best && tightest ? { margin: tightest.headroom } : {}),
        ...(tightest ? { tightest: tightest.index } : {}),
        simulations: runs,
      });
      if (workers !== undefined && partitions === undefined) floor = workers;
    } catch (error) {
      if (!(error instanceof Stop)) throw error;
      return failure ?? fail("invalid-state", "the forecast was cancelled");
    }
  }
  return ok({
    nodeId: group.id,
    baseWorkers: group.config.concurrency,
    basePartitions,
    rows,
    wallMs: Math.round(performance.now() - started),
  });
}

/** Ends the search early: cancelled, a simulation refused, or the forecast over its budget. */
class Stop extends Error {}
