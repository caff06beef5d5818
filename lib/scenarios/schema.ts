import * as z from "../zod";
import { SCENARIO_LIMITS as L } from "./limits";

const ZId = z
  .string()
  .check(
    z.minLength(1, "must not be empty"),
    z.maxLength(64, "must be at most 64 characters"),
    z.regex(/^[A-Za-z0-9_-]+$/, "may use letters, digits, _ and - only"),
  );
const ZNodeRef = ZId;
const ZPercent = z.number().check(z.gte(0), z.lte(100));
const ZCount = z.number().check(z.int(), z.gte(0), z.lte(1_000_000_000));
const ZAtMs = z
  .number()
  .check(
    z.int("must be a whole number of milliseconds"),
    z.gte(0, "must not be negative"),
    z.lte(L.maxDurationMs, "must be within 24 hours"),
  );

const step = <A extends string, S extends z.core.$ZodShape>(action: A, shape: S) =>
  z.strictObject({ atMs: ZAtMs, action: z.literal(action), nodeId: ZNodeRef, ...shape });

/**
 * What a scenario does at a moment of simulated time. Config steps (rates, failure rate,
 * processing time, partitions, workers) are a redeploy by diff of the flow; the others are
 * the run controls a person would press.
 */
export const ZScenarioStep = z.discriminatedUnion("action", [
  /** The producer's designed rate times `factor` (not compounding: ×1 goes back to the design). */
  step("multiply-rate", {
    factor: z.number().check(z.gt(0, "must be above 0"), z.lte(100, "must be at most 100")),
  }),
  step("set-rate", {
    ratePerSec: z.number().check(z.gt(0, "must be above 0"), z.lte(100_000, "must be at most 100000")),
  }),
  step("pause-producer", {}),
  step("resume-producer", {}),
  step("consumer-offline", {}),
  step("consumer-online", {}),
  step("set-failure-rate", { failureRatePct: ZPercent }),
  step("set-processing-time", {
    minMs: z.number().check(z.gte(0), z.lte(600_000)),
    maxMs: z.number().check(z.gte(0), z.lte(600_000)),
  }),
  /** N events from this producer that fail every attempt at every consumer. */
  step("inject-poison", {
    count: z
      .number()
      .check(z.int(), z.gte(1), z.lte(L.maxPoisonPerStep, `must be at most ${L.maxPoisonPerStep}`)),
  }),
  step("reset-offsets", { to: z.enum(["earliest", "latest"]) }),
  step("set-partitions", { partitions: z.number().check(z.int(), z.gte(1), z.lte(64)) }),
  step("set-workers", { workers: z.number().check(z.int(), z.gte(1), z.lte(64)) }),
]);
export type ScenarioStep = z.infer<typeof ZScenarioStep>;
export type StepAction = ScenarioStep["action"];
export const STEP_ACTIONS = ZScenarioStep.def.options.map(
  (o) => o.shape.action.def.values[0],
) as StepAction[];

const expectation = <K extends string, S extends z.core.$ZodShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), ...shape });
const ZOptionalConsumer = z.optional(ZNodeRef);

/** What must hold for the scenario to pass. Each is checked as simulated time goes by. */
export const ZExpectation = z.discriminatedUnion("kind", [
  /** The group's total lag stays at or under `max` at every simulated second. */
  expectation("lag-below", { nodeId: ZNodeRef, max: ZCount }),
  /** Within `withinMs` after step `afterStep` the group's lag is back at or under `max`. */
  expectation("lag-recovers", {
    nodeId: ZNodeRef,
    max: ZCount,
    afterStep: z.number().check(z.int(), z.gte(0)),
    withinMs: ZAtMs,
  }),
  /** Publish→ack latency at `quantile`, over every 10 s window, stays under `maxMs` (all groups when no node). */
  expectation("latency-below", {
    nodeId: ZOptionalConsumer,
    quantile: z.enum(["p50", "p95", "p99"]),
    maxMs: z.number().check(z.gt(0), z.lte(86_400_000)),
  }),
  /** Dead-lettered deliveries stay under `maxPct` % of the events producers published. */
  expectation("dead-letters-below", { nodeId: ZOptionalConsumer, maxPct: ZPercent }),
  /** No event is lost: every event that reached a group's partitions gets an outcome there. */
  expectation("no-loss", { nodeId: ZOptionalConsumer }),
  /** Retention of this topic never trims an event a subscribed group has not consumed. */
  expectation("retention-kept", { nodeId: ZNodeRef }),
  /** The group finishes at least `minPerSec` deliveries per second in every 10 s window of [fromMs, toMs). */
  expectation("throughput-at-least", {
    nodeId: ZNodeRef,
    minPerSec: z.number().check(z.gte(0), z.lte(1_000_000)),
    fromMs: z.optional(ZAtMs),
    toMs: z.optional(ZAtMs),
  }),
]);
export type Expectation = z.infer<typeof ZExpectation>;
export type ExpectationKind = Expectation["kind"];
export const EXPECTATION_KINDS = ZExpectation.def.options.map(
  (o) => o.shape.kind.def.values[0],
) as ExpectationKind[];

/** The capacity question a scenario asks: how many workers this group needs at each multiplier. */
export const ZForecastRequest = z.strictObject({
  nodeId: ZNodeRef,
  multipliers: z
    .array(z.number().check(z.gt(0), z.lte(L.maxMultiplier, `must be at most ${L.maxMultiplier}`)))
    .check(
      z.minLength(1, "name at least one multiplier"),
      z.maxLength(L.maxMultipliers, `at most ${L.maxMultipliers} multipliers`),
    ),
});
export type ForecastRequest = z.infer<typeof ZForecastRequest>;

/** A scripted experiment on a flow: steps over simulated time and what must hold. */
export const ZScenario = z.strictObject({
  id: ZId,
  name: z
    .string()
    .check(
      z.minLength(1, "must not be empty"),
      z.maxLength(L.maxName, `must be at most ${L.maxName} characters`),
    ),
  description: z.optional(
    z.string().check(z.maxLength(L.maxDescription, `must be at most ${L.maxDescription} characters`)),
  ),
  durationMs: z
    .number()
    .check(
      z.int(),
      z.gte(L.minDurationMs, "must be at least 1 second"),
      z.lte(L.maxDurationMs, "must be at most 24 hours"),
    ),
  seed: z.optional(z.number().check(z.int(), z.gte(0), z.lte(2 ** 32 - 1))),
  steps: z.array(ZScenarioStep).check(z.maxLength(L.maxSteps, `at most ${L.maxSteps} steps`)),
  expectations: z
    .array(ZExpectation)
    .check(z.maxLength(L.maxExpectations, `at most ${L.maxExpectations} expectations`)),
  forecast: z.optional(ZForecastRequest),
});
export type Scenario = z.infer<typeof ZScenario>;

export const ZScenarioList = z
  .array(ZScenario)
  .check(z.maxLength(L.maxScenariosPerFlow, `a flow holds at most ${L.maxScenariosPerFlow} scenarios`));
