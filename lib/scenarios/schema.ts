import { z } from "zod";
import { SCENARIO_LIMITS as L } from "./limits";

const ZId = z
  .string()
  .min(1, "must not be empty")
  .max(64, "must be at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may use letters, digits, _ and - only");
const ZNodeRef = ZId;
const ZAtMs = z
  .number()
  .int("must be a whole number of milliseconds")
  .min(0, "must not be negative")
  .max(L.maxDurationMs, "must be within 24 hours");

const step = <A extends string, S extends z.ZodRawShape>(action: A, shape: S) =>
  z.strictObject({ atMs: ZAtMs, action: z.literal(action), nodeId: ZNodeRef, ...shape });

/**
 * What a scenario does at a moment of simulated time. Config steps (rates, failure rate,
 * processing time, partitions, workers) are a redeploy by diff of the flow; the others are
 * the run controls a person would press.
 */
export const ZScenarioStep = z.discriminatedUnion("action", [
  /** The producer's designed rate times `factor` (not compounding: ×1 goes back to the design). */
  step("multiply-rate", { factor: z.number().gt(0, "must be above 0").max(100, "must be at most 100") }),
  step("set-rate", {
    ratePerSec: z.number().gt(0, "must be above 0").max(100_000, "must be at most 100000"),
  }),
  step("pause-producer", {}),
  step("resume-producer", {}),
  step("consumer-offline", {}),
  step("consumer-online", {}),
  step("set-failure-rate", { failureRatePct: z.number().min(0).max(100) }),
  step("set-processing-time", {
    minMs: z.number().min(0).max(600_000),
    maxMs: z.number().min(0).max(600_000),
  }),
  /** N events from this producer that fail every attempt at every consumer. */
  step("inject-poison", {
    count: z.number().int().min(1).max(L.maxPoisonPerStep, `must be at most ${L.maxPoisonPerStep}`),
  }),
  step("reset-offsets", { to: z.enum(["earliest", "latest"]) }),
  step("set-partitions", { partitions: z.number().int().min(1).max(64) }),
  step("set-workers", { workers: z.number().int().min(1).max(64) }),
]);
export type ScenarioStep = z.infer<typeof ZScenarioStep>;
export type StepAction = ScenarioStep["action"];
export const STEP_ACTIONS = ZScenarioStep.options.map((o) => o.shape.action.value) as StepAction[];

const expectation = <K extends string, S extends z.ZodRawShape>(kind: K, shape: S) =>
  z.strictObject({ kind: z.literal(kind), ...shape });
const ZOptionalConsumer = ZNodeRef.optional();

/** What must hold for the scenario to pass. Each is checked as simulated time goes by. */
export const ZExpectation = z.discriminatedUnion("kind", [
  /** The group's total lag stays at or under `max` at every simulated second. */
  expectation("lag-below", { nodeId: ZNodeRef, max: z.number().int().min(0).max(1_000_000_000) }),
  /** Within `withinMs` after step `afterStep` the group's lag is back at or under `max`. */
  expectation("lag-recovers", {
    nodeId: ZNodeRef,
    max: z.number().int().min(0).max(1_000_000_000),
    afterStep: z.number().int().min(0),
    withinMs: ZAtMs,
  }),
  /** Publish→ack latency at `quantile`, over every 10 s window, stays under `maxMs` (all groups when no node). */
  expectation("latency-below", {
    nodeId: ZOptionalConsumer,
    quantile: z.enum(["p50", "p95", "p99"]),
    maxMs: z.number().gt(0).max(86_400_000),
  }),
  /** Dead-lettered deliveries stay under `maxPct` % of the events producers published. */
  expectation("dead-letters-below", { nodeId: ZOptionalConsumer, maxPct: z.number().min(0).max(100) }),
  /** No event is lost: every event that reached a group's partitions gets an outcome there. */
  expectation("no-loss", { nodeId: ZOptionalConsumer }),
  /** Retention of this topic never trims an event a subscribed group has not consumed. */
  expectation("retention-kept", { nodeId: ZNodeRef }),
  /** The group finishes at least `minPerSec` deliveries per second in every 10 s window of [fromMs, toMs). */
  expectation("throughput-at-least", {
    nodeId: ZNodeRef,
    minPerSec: z.number().min(0).max(1_000_000),
    fromMs: ZAtMs.optional(),
    toMs: ZAtMs.optional(),
  }),
]);
export type Expectation = z.infer<typeof ZExpectation>;
export type ExpectationKind = Expectation["kind"];
export const EXPECTATION_KINDS = ZExpectation.options.map((o) => o.shape.kind.value) as ExpectationKind[];

/** The capacity question a scenario asks: how many workers this group needs at each multiplier. */
export const ZForecastRequest = z.strictObject({
  nodeId: ZNodeRef,
  multipliers: z
    .array(z.number().gt(0).max(L.maxMultiplier, `must be at most ${L.maxMultiplier}`))
    .min(1, "name at least one multiplier")
    .max(L.maxMultipliers, `at most ${L.maxMultipliers} multipliers`),
});
export type ForecastRequest = z.infer<typeof ZForecastRequest>;

/** A scripted experiment on a flow: steps over simulated time and what must hold. */
export const ZScenario = z.strictObject({
  id: ZId,
  name: z.string().min(1, "must not be empty").max(L.maxName, `must be at most ${L.maxName} characters`),
  description: z.string().max(L.maxDescription, `must be at most ${L.maxDescription} characters`).optional(),
  durationMs: z
    .number()
    .int()
    .min(L.minDurationMs, "must be at least 1 second")
    .max(L.maxDurationMs, "must be at most 24 hours"),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .optional(),
  steps: z.array(ZScenarioStep).max(L.maxSteps, `at most ${L.maxSteps} steps`),
  expectations: z.array(ZExpectation).max(L.maxExpectations, `at most ${L.maxExpectations} expectations`),
  forecast: ZForecastRequest.optional(),
});
export type Scenario = z.infer<typeof ZScenario>;

export const ZScenarioList = z
  .array(ZScenario)
  .max(L.maxScenariosPerFlow, `a flow holds at most ${L.maxScenariosPerFlow} scenarios`);
