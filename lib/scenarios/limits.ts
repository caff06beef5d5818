/**
 * Hard limits of scenarios. A scenario over one is a validation problem; a run that would go
 * over the event budget is refused before it starts and cut if the estimate was wrong.
 */
export const SCENARIO_LIMITS = {
  maxScenariosPerFlow: 20,
  maxSteps: 100,
  maxExpectations: 30,
  maxDurationMs: 24 * 3_600_000,
  minDurationMs: 1_000,
  maxPoisonPerStep: 10_000,
  maxMultipliers: 5,
  maxMultiplier: 20,
  maxName: 80,
  maxDescription: 1_000,
  /** Events all producers may publish in one run (estimated up front, enforced while running). */
  maxSimulatedEvents: 20_000_000,
  /** Points per chart series: charts stay this size however long the simulated run. */
  maxSeriesPoints: 720,
  /** Window of the latency and throughput expectations. */
  windowMs: 10_000,
  /** Results kept per scenario. */
  keptRuns: 5,
} as const;
