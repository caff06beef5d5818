import type { FlowGraph } from "../flow/schema";

/** A flaky consumer retries with exponential backoff; what fails every attempt is dead-lettered. */
export const retryDeadLetterGraph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "jobs-producer",
      kind: "producer",
      label: "Job submitter",
      position: { x: 0, y: 80 },
      config: {
        eventType: "job.submitted",
        source: "/batch/scheduler",
        mode: "rate",
        ratePerSec: 5,
        jitterPct: 0,
        intervalMs: 1000,
        burstCount: 10,
        payloadTemplate: '{\n  "jobId": "{{uuid}}",\n  "attemptBudget": 4,\n  "payload": "{{sentence}}"\n}',
      },
    },
    {
      id: "jobs",
      kind: "topic",
      position: { x: 300, y: 80 },
      config: { name: "jobs", partitions: 2, retention: { maxEventsPerPartition: 100000, maxAgeMs: 0 } },
    },
    {
      id: "flaky-worker",
      kind: "consumer",
      label: "Flaky worker",
      position: { x: 600, y: 80 },
      config: {
        group: "workers",
        concurrency: 2,
        processingMs: { min: 20, max: 60 },
        failureRatePct: 40,
        retry: { maxAttempts: 4, backoff: "exponential", initialDelayMs: 200, maxDelayMs: 3000 },
        online: true,
        action: "process",
      },
    },
    {
      id: "jobs-dlq",
      kind: "topic",
      label: "Dead letters",
      position: { x: 900, y: 80 },
      config: { name: "jobs.dlq", partitions: 1, retention: { maxEventsPerPartition: 100000, maxAgeMs: 0 } },
    },
    {
      id: "dlq-inspector",
      kind: "consumer",
      label: "Dead-letter review",
      position: { x: 1200, y: 80 },
      config: {
        group: "dlq-review",
        concurrency: 1,
        processingMs: { min: 5, max: 10 },
        failureRatePct: 0,
        retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0, maxDelayMs: 0 },
        online: true,
        action: "process",
      },
    },
  ],
  edges: [
    { id: "e-submit", kind: "publishes", source: "jobs-producer", target: "jobs" },
    { id: "e-work", kind: "subscribes", source: "jobs", target: "flaky-worker" },
    { id: "e-dead", kind: "dead-letters", source: "flaky-worker", target: "jobs-dlq" },
    { id: "e-review", kind: "subscribes", source: "jobs-dlq", target: "dlq-inspector" },
  ],
  scenarios: [
    {
      id: "rising-poison",
      name: "Rising poison rate",
      description:
        "Poison jobs (they fail every attempt) arrive in growing waves: 5 at 1:00, 25 at 3:00, 100 at 5:00. Fails as designed: with 40 % of attempts failing, about 2.6 % of ordinary jobs are dead-lettered anyway, and the wave at 5:00 pushes dead letters past 5 % of everything published; each poison job also holds its partition through four attempts with backoff, so the worker's lag does not come back under 20 within two minutes. Nothing is lost: every poison job ends on the dead-letter topic.",
      durationMs: 600_000,
      steps: [
        { atMs: 60_000, action: "inject-poison", nodeId: "jobs-producer", count: 5 },
        { atMs: 180_000, action: "inject-poison", nodeId: "jobs-producer", count: 25 },
        { atMs: 300_000, action: "inject-poison", nodeId: "jobs-producer", count: 100 },
      ],
      expectations: [
        { kind: "dead-letters-below", nodeId: "flaky-worker", maxPct: 5 },
        { kind: "lag-recovers", nodeId: "flaky-worker", max: 20, afterStep: 2, withinMs: 120_000 },
        { kind: "no-loss" },
      ],
    },
  ],
};
