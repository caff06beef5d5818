import { readGraph, type FlowGraph } from "@/lib/flow";
import { SCENARIO_LIMITS, validateScenario, type Scenario } from "@/lib/scenarios";
import type { ScenarioResult, ScenarioRunStatus, StepMarker } from "@/lib/scenarios/results";
import { VirtualTime } from "../clock/virtual-time";
import { fail, ok, type ControlResult } from "../errors";
import type { RunOptions } from "../options";
import { createFlowRun, type FlowRun } from "../run/flow-run";
import { createEvaluator } from "./expectations";
import { estimateEvents, graphAfterStep, overridden, variedGraph, type Variation } from "./plan";
import { groupIds, lostOf, publishedTotal, type Tick } from "./probe";
import { SeriesRecorder } from "./series";
import { GroupWindows } from "./windows";
import { applyControl, shrinkLoss } from "./controls";

export interface ScenarioRunOptions {
  /** Overrides the scenario's seed (default 1). */
  seed?: number;
  /** Traffic multiplier and capacity under test (the forecast's knobs). Default ×1, as designed. */
  variation?: Variation;
  /** Checks only the expectations this accepts (by default all of them). */
  expectationFilter?: (expectation: Scenario["expectations"][number]) => boolean;
  /** End at the first violated expectation (the forecast only needs pass or fail). */
  stopAtFirstFailure?: boolean;
  /** Checked between slices: set `aborted` to cancel; the result so far comes back as `cancelled`. */
  signal?: { readonly aborted: boolean };
  /** Called between slices with the simulated time reached. */
  onProgress?: (simulatedMs: number, durationMs: number) => void;
  /** Wall-clock ms of simulation between yields to the event loop. Default 20. */
  sliceMs?: number;
  /** Events the producers may publish in the run. Default SCENARIO_LIMITS.maxSimulatedEvents. */
  maxEvents?: number;
  /** The wall clock that times slices (injected for tests). Default performance.now. */
  wallClock?: () => number;
  /** Runtime options (records off and a tiny history unless asked). */
  runOptions?: RunOptions;
  /**
   * Ends the run once the simulated clock reaches `atMs`, after handing the live run to
   * `then` (the inspector's replay reads the delivery history there). Status `cancelled`.
   */
  stopAt?: { atMs: number; then: (run: FlowRun) => void };
}

/** Payloads rendered per producer in a scenario run, then reused in turn (see RunOptions.payloadPool). */
const PAYLOAD_POOL = 1024;

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Finds a scenario of the graph by id or name. */
export function findScenario(
  graph: FlowGraph,
  ref: string,
): { scenario: Scenario; index: number } | undefined {
  const list = graph.scenarios ?? [];
  const index = list.findIndex((s) => s.id === ref || s.name === ref);
  return index < 0 ? undefined : { scenario: list[index], index };
}

/**
 * Runs a scenario of a flow under a virtual clock: steps at their simulated times,
 * expectations checked every simulated second and 10 s window, series downsampled. Pure
 * and deterministic from the seed; memory does not grow with simulated time (records are
 * off, windows and series are fixed-size); it yields to the event loop every `sliceMs`.
 */
export async function runScenario(
  graphInput: unknown,
  scenarioRef: string,
  options: ScenarioRunOptions = {},
): Promise<ControlResult<ScenarioResult>> {
  const wallClock = options.wallClock ?? (() => performance.now());
  const startedWall = wallClock();
  const read = readGraph(graphInput);
  if (!read.graph) return fail("invalid-graph", "the flow does not pass validation", { issues: read.issues });
  const designed = read.graph;
  const found = findScenario(designed, scenarioRef);
  if (!found) return fail("unknown-scenario", `the flow has no scenario '${scenarioRef}'`);
  const { scenario, index } = found;
  const issues = validateScenario(designed, scenario, index);
  if (issues.length > 0)
    return fail("invalid-scenario", `scenario '${scenario.name}' has ${issues.length} problem(s)`, {
      issues,
    });
  const variation = options.variation ?? { multiplier: 1 };
  const maxEvents = options.maxEvents ?? SCENARIO_LIMITS.maxSimulatedEvents;
  const estimate = estimateEvents(designed, scenario.steps, scenario.durationMs, variation.multiplier);
  if (estimate > maxEvents)
    return fail(
      "over-budget",
      `scenario '${scenario.name}' would publish about ${estimate.toLocaleString("en")} events; a run may publish at most ${maxEvents.toLocaleString("en")}`,
    );
  const seed = options.seed ?? scenario.seed ?? 1;
  const time = new VirtualTime(0);
  let current = variedGraph(designed, variation);
  const created = createFlowRun({
    flowId: "scenario",
    graph: current,
    version: 1,
    seed,
    ports: { clock: time, scheduler: time },
    options: { recordsEnabled: false, historySize: 16, payloadPool: PAYLOAD_POOL, ...options.runOptions },
  });
  if (!created.ok) return created;
  const run = created.value;
  run.start();

  const evaluators = scenario.expectations
    .map((e, i) => (options.expectationFilter?.(e) === false ? undefined : createEvaluator(scenario, i)))
    .filter((ev) => ev !== undefined);
  const shrink = new Map<string, number>();
  const tickAt = (atMs: number): Tick => ({
    atMs,
    metrics: run.metrics({ latency: false }),
    shrinkLoss: shrink,
  });
  const series = new SeriesRecorder(run, scenario.durationMs);
  const windows = new GroupWindows(run);
  const first = tickAt(0);
  series.begin(first);
  windows.begin(first, groupIds(first));
  const steps = scenario.steps.map((step, i) => ({ step, i })).sort((a, b) => a.step.atMs - b.step.atMs);
  const markers: StepMarker[] = [];
  let nextStep = 0;
  let version = 1;
  let status: ScenarioRunStatus | undefined;
  let message: string | undefined;
  let last = first;
  let windowStart = 0;
  let sliceStart = wallClock();
  const seconds = Math.ceil(scenario.durationMs / 1000);

  for (let s = 1; s <= seconds; s++) {
    const atMs = Math.min(s * 1000, scenario.durationMs);
    while (nextStep < steps.length && steps[nextStep].step.atMs <= atMs) {
      const { step, i } = steps[nextStep++];
      await time.advanceTo(step.atMs);
      markers.push({ index: i, atMs: step.atMs, action: step.action, nodeId: step.nodeId });
      if (overridden(step, designed, variation)) continue;
      const next = graphAfterStep(current, designed, step, variation.multiplier);
      if (next) {
        shrinkLoss(run, current, step, shrink);
        const applied = run.apply(next, ++version);
        if (applied.ok) current = next;
      } else applyControl(run, step);
    }
    await time.advanceTo(atMs);
    if (options.stopAt && (atMs >= options.stopAt.atMs || s === seconds)) {
      options.stopAt.then(run);
      status = "cancelled";
      message = `stopped at ${atMs} ms to inspect`;
      last = tickAt(atMs);
      break;
    }
    const tick = tickAt(atMs);
    last = tick;
    for (const ev of evaluators) ev.second(tick);
    if (atMs - windowStart >= SCENARIO_LIMITS.windowMs) {
      const ids = groupIds(tick);
      const stats = { startMs: windowStart, endMs: atMs, groups: windows.end(tick, ids) };
      for (const ev of evaluators) ev.window(stats);
      windows.begin(tick, ids);
      windowStart = atMs;
    }
    if (publishedTotal(tick) > maxEvents) {
      status = "over-budget";
      message = `stopped at ${atMs} ms: producers published more than ${maxEvents.toLocaleString("en")} events`;
    } else if (options.stopAtFirstFailure && evaluators.some((ev) => ev.violated)) status = "failed";
    series.second(tick, s === seconds || status !== undefined);
    if (status) break;
    if (wallClock() - sliceStart >= (options.sliceMs ?? 20)) {
      options.onProgress?.(atMs, scenario.durationMs);
      await nextMacrotask();
      sliceStart = wallClock();
      if (options.signal?.aborted) {
        status = "cancelled";
        message = `cancelled at ${atMs} ms of ${scenario.durationMs}`;
        break;
      }
    }
  }
  await run.stop({ graceMs: 0 });
  const expectations = evaluators.map((ev) => ev.finish(last));
  status ??= expectations.every((e) => e.passed) ? "passed" : "failed";
  const counts = (outcome: "acked" | "failed" | "dead-lettered" | "dropped" | "filtered") =>
    groupIds(last).reduce((sum, id) => sum + (last.metrics.nodes[id]?.counts[outcome] ?? 0), 0);
  options.onProgress?.(last.atMs, scenario.durationMs);
  return ok({
    scenarioId: scenario.id,
    scenarioName: scenario.name,
    seed,
    durationMs: scenario.durationMs,
    simulatedMs: last.atMs,
    status,
    ...(message ? { message } : {}),
    expectations,
    steps: markers,
    series: series.series,
    totals: {
      published: publishedTotal(last),
      acked: counts("acked"),
      failed: counts("failed"),
      deadLettered: counts("dead-lettered"),
      dropped: counts("dropped"),
      filtered: counts("filtered"),
      lost: groupIds(last).reduce((sum, id) => sum + lostOf(last, id), 0),
    },
    wallMs: Math.round(wallClock() - startedWall),
  });
}
