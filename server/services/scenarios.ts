import { randomBytes } from "node:crypto";
import type { ScenarioJob, ScenarioMoment, ScenarioRunSummary } from "@/lib/api/scenarios";
import type { FlowGraph } from "@/lib/flow";
import { SCENARIO_LIMITS, validateScenario, type ForecastRequest } from "@/lib/scenarios";
import { compareRuns, type ScenarioResult } from "@/lib/scenarios/results";
import type { ScenarioRunsRepo } from "../db/scenario-runs-repo";
import { estimateEvents, findScenario, forecastCapacity, inspectScenarioAt, runScenario } from "../runtime";
import type { RuntimeError } from "../runtime";
import type { FlowService } from "./flows";
import { failure, success, type ServiceResult } from "./result";
import { parseStoredGraph } from "./stored-graph";

export interface ScenarioLimits {
  /** Scenario runs, forecasts and inspections running at once on this server. */
  maxConcurrent: number;
  /** Events the producers may publish in one simulation. */
  maxEvents: number;
}

interface Job extends ScenarioJob {
  flowId: string;
  abort: { aborted: boolean };
}

/** Simulations a forecast may run for each multiplier, at most (galloping + binary searches over 64). */
const SIMULATIONS_PER_MULTIPLIER = 20;
const KEPT_JOBS = 50;
/** A forecast may publish as many events as this many full runs. */
const FORECAST_BUDGET_RUNS = 5;

const fromRuntime = (error: RuntimeError): ServiceResult<never> =>
  failure(error.code === "unknown-scenario" || error.code === "unknown-node" ? 404 : 400, error.message, {
    ...(error.issues ? { issues: error.issues.map(({ path, message }) => ({ path, message })) } : {}),
  });

/**
 * Scenario use cases: run a saved scenario or its capacity forecast as a job (polled for
 * progress, cancellable), keep the last few results with the scenario and compare each with
 * the one before, and replay a run to show the deliveries around a moment. Simulations run
 * on this process in slices that yield the event loop; at most `maxConcurrent` at once.
 */
export function scenarioService(flows: FlowService, repo: ScenarioRunsRepo, limits: ScenarioLimits) {
  const jobs = new Map<string, Job>();
  let active = 0;

  const view = ({ flowId: _flowId, abort: _abort, ...job }: Job): ScenarioJob => job;
  const forget = () => {
    const done = [...jobs.values()].filter((j) => j.state !== "running");
    for (const j of done.slice(0, Math.max(0, done.length - KEPT_JOBS))) jobs.delete(j.id);
  };
  const busy = () =>
    failure(
      429,
      `${limits.maxConcurrent} scenario simulation${limits.maxConcurrent === 1 ? " is" : "s are"} running on this server (its limit): try again when one finishes`,
    );

  async function scenarioOf(ref: string, scenarioId: string, need: "view" | "edit") {
    const found = await flows.authorize(ref, need);
    if (!found.ok) return found;
    const { graph, issues } = parseStoredGraph(found.value.row.graph);
    if (issues.some((i) => i.severity === "error"))
      return failure(400, "The saved flow does not pass validation: fix it first", {
        issues: issues.filter((i) => i.severity === "error").map(({ path, message }) => ({ path, message })),
      });
    const hit = findScenario(graph, scenarioId);
    if (!hit) return failure(404, `The saved flow has no scenario '${scenarioId}': save the flow first`);
    const problems = validateScenario(graph, hit.scenario, hit.index);
    if (problems.length > 0)
      return failure(
        400,
        `Scenario '${hit.scenario.name}' has ${problems.length} problem(s): fix them to run it`,
        {
          issues: problems.map(({ path, message }) => ({ path, message })),
        },
      );
    return success({ row: found.value.row, graph, scenario: hit.scenario });
  }

  function begin(flowId: string, scenarioId: string, kind: Job["kind"], work: (job: Job) => Promise<void>) {
    const job: Job = {
      id: randomBytes(9).toString("base64url"),
      flowId,
      scenarioId,
      kind,
      state: "running",
      progress: 0,
      startedAt: new Date().toISOString(),
      abort: { aborted: false },
    };
    jobs.set(job.id, job);
    active++;
    void work(job)
      .catch((error: unknown) => {
        job.state = "failed";
        job.error = `The simulation failed: ${(error as Error).message}`;
      })
      .finally(() => {
        active--;
        if (job.abort.aborted && job.state === "running") job.state = "cancelled";
        job.progress = job.state === "done" ? 1 : job.progress;
        forget();
      });
    return job;
  }

  async function summaries(flowId: string, scenarioId: string): Promise<ScenarioRunSummary[]> {
    const rows = await repo.list(flowId, scenarioId, SCENARIO_LIMITS.keptRuns);
    const results = rows.map((r) => JSON.parse(r.result) as ScenarioResult);
    return rows.map((row, i) => ({
      id: row.id,
      createdAt: row.createdAt.toISOString(),
      flowVersion: row.flowVersion,
      result: results[i],
      verdicts: compareRuns(results[i + 1], results[i]),
    }));
  }

  return {
    /** Starts a run of a saved scenario; poll `job` for its progress and result. */
    async run(ref: string, scenarioId: string, seed?: number): Promise<ServiceResult<ScenarioJob>> {
      const found = await scenarioOf(ref, scenarioId, "edit");
      if (!found.ok) return found;
      const { row, graph, scenario } = found.value;
      const estimate = estimateEvents(graph, scenario.steps, scenario.durationMs, 1);
      if (estimate > limits.maxEvents)
        return failure(
          400,
          `Scenario '${scenario.name}' would publish about ${estimate.toLocaleString("en")} events; this server simulates at most ${limits.maxEvents.toLocaleString("en")} per run: shorten it or lower the rates`,
        );
      if (active >= limits.maxConcurrent) return busy();
      const job = begin(row.id, scenario.id, "run", async (job) => {
        const run = await runScenario(graph, scenario.id, {
          seed,
          maxEvents: limits.maxEvents,
          signal: job.abort,
          onProgress: (ms, duration) => (job.progress = ms / duration),
        });
        if (!run.ok) {
          job.state = "failed";
          job.error = run.error.message;
          return;
        }
        const result = run.value;
        job.result = result;
        if (result.status === "cancelled") {
          job.state = "cancelled";
          return;
        }
        const previous = (await repo.list(row.id, scenario.id, 1))[0];
        job.verdicts = compareRuns(
          previous ? (JSON.parse(previous.result) as ScenarioResult) : undefined,
          result,
        );
        await repo.add(
          {
            id: job.id,
            flowId: row.id,
            scenarioId: scenario.id,
            flowVersion: row.version,
            status: result.status,
            result: JSON.stringify(result),
          },
          SCENARIO_LIMITS.keptRuns,
        );
        job.state = "done";
      });
      return success(view(job));
    },

    /** Starts the capacity forecast of a saved scenario (its own request unless one is given). */
    async forecast(
      ref: string,
      scenarioId: string,
      request: ForecastRequest | undefined,
      seed?: number,
    ): Promise<ServiceResult<ScenarioJob>> {
      const found = await scenarioOf(ref, scenarioId, "edit");
      if (!found.ok) return found;
      const { row, graph, scenario } = found.value;
      const ask = request ?? scenario.forecast;
      if (!ask) return failure(400, "Name a consumer group and traffic multipliers for the forecast");
      const group = (graph as FlowGraph).nodes.find((n) => n.id === ask.nodeId);
      if (!group || group.kind !== "consumer")
        return failure(400, `The forecast needs a consumer group: '${ask.nodeId}' is not one in this flow`, {
          issues: [{ path: "forecast.nodeId", message: "must name a consumer of the flow" }],
        });
      if (active >= limits.maxConcurrent) return busy();
      const expected = ask.multipliers.length * SIMULATIONS_PER_MULTIPLIER;
      const job = begin(row.id, scenario.id, "forecast", async (job) => {
        const result = await forecastCapacity(graph, scenario.id, ask, {
          seed,
          maxEvents: limits.maxEvents,
          maxTotalEvents: limits.maxEvents * FORECAST_BUDGET_RUNS,
          signal: job.abort,
          onSimulation: (done) => (job.progress = Math.min(0.99, done / expected)),
        });
        if (!result.ok) {
          job.state = job.abort.aborted ? "cancelled" : "failed";
          job.error = result.error.message;
          return;
        }
        job.forecast = result.value;
        job.state = "done";
      });
      return success(view(job));
    },

    /** A job's progress, and its result once done. */
    async job(ref: string, jobId: string): Promise<ServiceResult<ScenarioJob>> {
      const found = await flows.authorize(ref, "view");
      if (!found.ok) return found;
      const job = jobs.get(jobId);
      if (!job || job.flowId !== found.value.row.id)
        return failure(404, "No such scenario run: it may have finished long ago");
      return success(view(job));
    },

    /** Asks a running job to stop at its next slice. */
    async cancel(ref: string, jobId: string): Promise<ServiceResult<ScenarioJob>> {
      const found = await flows.authorize(ref, "edit");
      if (!found.ok) return found;
      const job = jobs.get(jobId);
      if (!job || job.flowId !== found.value.row.id)
        return failure(404, "No such scenario run: it may have finished long ago");
      if (job.state === "running") job.abort.aborted = true;
      return success(view(job));
    },

    /** The kept results of a scenario, newest first, each compared with the one before it. */
    async history(ref: string, scenarioId: string): Promise<ServiceResult<ScenarioRunSummary[]>> {
      const found = await flows.authorize(ref, "view");
      if (!found.ok) return found;
      return success(await summaries(found.value.row.id, scenarioId));
    },

    /** Replays the saved scenario to `atMs` and returns the deliveries around it with traces. */
    async moment(
      ref: string,
      scenarioId: string,
      query: { atMs: number; nodeId?: string; seed?: number },
    ): Promise<ServiceResult<ScenarioMoment>> {
      const found = await scenarioOf(ref, scenarioId, "view");
      if (!found.ok) return found;
      if (query.atMs > found.value.scenario.durationMs)
        return failure(400, `The scenario ends at ${found.value.scenario.durationMs} ms`);
      if (active >= limits.maxConcurrent) return busy();
      active++;
      try {
        const moment = await inspectScenarioAt(found.value.graph, found.value.scenario.id, query.atMs, {
          nodeId: query.nodeId,
          seed: query.seed,
          maxEvents: limits.maxEvents,
        });
        return moment.ok ? success(moment.value) : fromRuntime(moment.error);
      } finally {
        active--;
      }
    },
  };
}
export type ScenarioService = ReturnType<typeof scenarioService>;
