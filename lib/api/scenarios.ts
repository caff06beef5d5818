import * as z from "../zod";
import { SCENARIO_LIMITS } from "../scenarios/limits";
import { ZForecastRequest } from "../scenarios/schema";
import type { ForecastResult, ScenarioResult, Verdict } from "../scenarios/results";
import type { EventEnvelope } from "../events/envelope";
import type { DeliveryRow } from "../events/delivery";

const ZSeed = z
  .number()
  .check(
    z.int("must be a whole number"),
    z.gte(0, "must be 0 or more"),
    z.lte(2 ** 32 - 1, "must be below 2^32"),
  );

/** POST /api/flows/:id/scenarios/:scenarioId/runs: run the saved scenario (another seed optional). */
export const ZScenarioRunBody = z.strictObject({ seed: z.optional(ZSeed) });

/** POST /api/flows/:id/scenarios/:scenarioId/forecast: the scenario's own forecast request unless one is sent. */
export const ZForecastBody = z.strictObject({
  seed: z.optional(ZSeed),
  forecast: z.optional(ZForecastRequest),
});

/** GET /api/flows/:id/scenarios/:scenarioId/moment?atMs=…&nodeId=…: deliveries around a moment. */
export const ZMomentQuery = z.strictObject({
  atMs: z.coerce.number().check(z.int(), z.gte(0), z.lte(SCENARIO_LIMITS.maxDurationMs)),
  nodeId: z.optional(z.string().check(z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, "must be a node id"))),
  seed: z.optional(z.pipe(z.coerce.number(), ZSeed)),
});

export type ScenarioJobState = "running" | "done" | "cancelled" | "failed";

/** A scenario run or forecast in progress on the server (poll it; DELETE cancels it). */
export interface ScenarioJob {
  id: string;
  scenarioId: string;
  kind: "run" | "forecast";
  state: ScenarioJobState;
  /** 0..1 */
  progress: number;
  startedAt: string;
  result?: ScenarioResult;
  /** Per expectation, against the run before (runs only). */
  verdicts?: Verdict[];
  forecast?: ForecastResult;
  error?: string;
}

/** One kept result of a scenario, with how it compares with the run before it. */
export interface ScenarioRunSummary {
  id: string;
  createdAt: string;
  flowVersion: number;
  result: ScenarioResult;
  verdicts: Verdict[];
}

/** The deliveries of a scenario run around one moment, and the causal traces of a few. */
export interface ScenarioMoment {
  atMs: number;
  fromMs: number;
  toMs: number;
  records: DeliveryRow[];
  traces: { eventId: string; events: EventEnvelope[]; records: DeliveryRow[] }[];
}
