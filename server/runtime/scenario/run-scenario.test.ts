import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import type { Expectation, Scenario, ScenarioStep } from "@/lib/scenarios";
import { consumer, edge, graph, producer, topic } from "../testing/flows";
import { runScenario } from "./run-scenario";

/** producer p (10/s, no jitter) → topic t (1 partition) → consumer c (inline, no failures), optional DLQ. */
function pipeline(
  opts: {
    retention?: number;
    processingMs?: number;
    partitions?: number;
    workers?: number;
    dlq?: boolean;
  } = {},
): FlowGraph {
  const nodes = [
    producer("p", { mode: "rate", ratePerSec: 10 }),
    topic("t", {
      partitions: opts.partitions ?? 1,
      retention: { maxEventsPerPartition: opts.retention ?? 100_000, maxAgeMs: 0 },
    }),
    consumer("c", {
      concurrency: opts.workers ?? 1,
      processingMs: { min: opts.processingMs ?? 0, max: opts.processingMs ?? 0 },
      retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0, maxDelayMs: 0 },
    }),
  ];
  const edges = [edge("publishes", "p", "t"), edge("subscribes", "t", "c")];
  if (opts.dlq) {
    nodes.push(topic("dlq"));
    edges.push(edge("dead-letters", "c", "dlq"));
  }
  return graph(nodes, edges);
}

function withScenario(
  g: FlowGraph,
  durationMs: number,
  steps: ScenarioStep[],
  expectations: Expectation[],
): FlowGraph {
  const scenario: Scenario = { id: "s", name: "S", durationMs, steps, expectations };
  return { ...g, scenarios: [scenario] };
}

async function run(g: FlowGraph, options: Parameters<typeof runScenario>[2] = {}) {
  const result = await runScenario(g, "s", options);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

describe("runScenario: steps and expectations under the virtual clock", () => {
  it("consumer offline 5 s → 15 s: lag climbs 10 a second, first over 50 at 11 s, worst 90", async () => {
    const g = withScenario(
      pipeline(),
      20_000,
      [
        { atMs: 5_000, action: "consumer-offline", nodeId: "c" },
        { atMs: 15_000, action: "consumer-online", nodeId: "c" },
      ],
      [
        { kind: "lag-below", nodeId: "c", max: 50 },
        { kind: "lag-below", nodeId: "c", max: 90 },
      ],
    );
    const result = await run(g);
    expect(result.expectations[0]).toMatchObject({
      passed: false,
      value: 90,
      firstViolation: { atMs: 11_000, value: 60, unit: "events" },
    });
    expect(result.expectations[1]).toMatchObject({ passed: true, value: 90, headroom: 0 });
    expect(result.totals).toMatchObject({ published: 200, acked: 200, lost: 0 });
    expect(result.steps).toEqual([
      { index: 0, atMs: 5_000, action: "consumer-offline", nodeId: "c" },
      { index: 1, atMs: 15_000, action: "consumer-online", nodeId: "c" },
    ]);
    expect(result.status).toBe("failed");
  });

  it("lag recovers: the catch-up after an outage is timed from the step", async () => {
    // 50 ms per event (20/s) against 10/s: a 100-event backlog shrinks by 10 a second.
    const g = withScenario(
      pipeline({ processingMs: 50 }),
      40_000,
      [
        { atMs: 5_000, action: "consumer-offline", nodeId: "c" },
        { atMs: 15_000, action: "consumer-online", nodeId: "c" },
      ],
      [
        { kind: "lag-recovers", nodeId: "c", max: 5, afterStep: 1, withinMs: 10_000 },
        { kind: "lag-recovers", nodeId: "c", max: 5, afterStep: 1, withinMs: 5_000 },
      ],
    );
    const result = await run(g);
    expect(result.expectations[0]).toMatchObject({ passed: true, recoveredAfterMs: 10_000 });
    expect(result.expectations[1]).toMatchObject({
      passed: false,
      recoveredAfterMs: 10_000,
      firstViolation: { atMs: 20_000, value: 50, unit: "events" },
    });
  });

  it("latency per 10 s window: 30 ms of processing reads 29.984 ms (the histogram's 0.2 % bucket)", async () => {
    const g = withScenario(
      pipeline({ processingMs: 30 }),
      20_000,
      [],
      [
        { kind: "latency-below", nodeId: "c", quantile: "p99", maxMs: 20 },
        { kind: "latency-below", quantile: "p95", maxMs: 30 },
      ],
    );
    const result = await run(g);
    expect(result.expectations[0]).toMatchObject({
      passed: false,
      value: 29.984,
      firstViolation: { atMs: 10_000, value: 29.984, unit: "ms" },
    });
    expect(result.expectations[1]).toMatchObject({ passed: true, value: 29.984, headroom: 0.001 });
  });

  it("poison events are dead-lettered; the budget is a share of everything published", async () => {
    const g = withScenario(
      pipeline({ dlq: true }),
      10_000,
      [{ atMs: 2_000, action: "inject-poison", nodeId: "p", count: 5 }],
      [
        { kind: "dead-letters-below", maxPct: 5 },
        { kind: "dead-letters-below", nodeId: "c", maxPct: 4 },
      ],
    );
    const result = await run(g);
    expect(result.totals).toMatchObject({ published: 105, acked: 100, deadLettered: 5, failed: 5 });
    expect(result.expectations[0]).toMatchObject({ passed: true, value: 4.762 });
    expect(result.expectations[1]).toMatchObject({
      passed: false,
      value: 4.762,
      firstViolation: { atMs: 2_000, value: 5, unit: "events" },
    });
  });

  it("retention trims what an offline group has not read: lost, counted and timed", async () => {
    const g = withScenario(
      pipeline({ retention: 20 }),
      8_000,
      [
        { atMs: 1_000, action: "consumer-offline", nodeId: "c" },
        { atMs: 6_000, action: "consumer-online", nodeId: "c" },
      ],
      [{ kind: "no-loss" }, { kind: "retention-kept", nodeId: "t" }, { kind: "no-loss", nodeId: "c" }],
    );
    const result = await run(g);
    for (const e of result.expectations)
      expect(e).toMatchObject({ passed: false, value: 30, firstViolation: { atMs: 4_000, value: 10 } });
    expect(result.totals).toMatchObject({ published: 80, acked: 50, lost: 30 });
  });

  it("throughput per 10 s window, and a rate step that multiplies the designed rate", async () => {
    const g = withScenario(
      pipeline(),
      30_000,
      [
        { atMs: 10_000, action: "multiply-rate", nodeId: "p", factor: 3 },
        { atMs: 20_000, action: "multiply-rate", nodeId: "p", factor: 1 },
      ],
      [
        { kind: "throughput-at-least", nodeId: "c", minPerSec: 10 },
        { kind: "throughput-at-least", nodeId: "c", minPerSec: 20, fromMs: 10_000, toMs: 20_000 },
        { kind: "throughput-at-least", nodeId: "c", minPerSec: 11 },
      ],
    );
    const result = await run(g);
    expect(result.totals.published).toBe(100 + 300 + 100);
    expect(result.expectations[0]).toMatchObject({ passed: true, value: 10 });
    expect(result.expectations[1]).toMatchObject({ passed: true, value: 30 });
    expect(result.expectations[2]).toMatchObject({
      passed: false,
      value: 10,
      firstViolation: { atMs: 10_000, value: 10, unit: "events/s" },
    });
    expect(result.series.producers.p.published.slice(8, 13)).toEqual([10, 10, 30, 30, 30]);
  });

  it("pause and resume a producer; set-rate; set-failure-rate with retries to the dead-letter topic", async () => {
    const g = withScenario(
      pipeline({ dlq: true }),
      10_000,
      [
        { atMs: 2_000, action: "pause-producer", nodeId: "p" },
        { atMs: 4_000, action: "resume-producer", nodeId: "p" },
        { atMs: 6_000, action: "set-rate", nodeId: "p", ratePerSec: 20 },
        { atMs: 8_000, action: "set-failure-rate", nodeId: "c", failureRatePct: 100 },
      ],
      [{ kind: "no-loss" }],
    );
    const result = await run(g);
    // 20 before the pause, 20 from 4 s to 6 s, 40 at 20/s until 8 s, then 40 that all fail.
    expect(result.totals).toMatchObject({ published: 120, acked: 80, deadLettered: 40, lost: 0 });
  });

  it("set-processing-time, set-workers and set-partitions redeploy by diff; removed partitions lose their backlog", async () => {
    const g = withScenario(
      pipeline({ partitions: 2, processingMs: 0 }),
      10_000,
      [
        { atMs: 1_000, action: "set-processing-time", nodeId: "c", minMs: 200, maxMs: 200 },
        { atMs: 5_000, action: "set-workers", nodeId: "c", workers: 2 },
        { atMs: 8_000, action: "set-partitions", nodeId: "t", partitions: 1 },
      ],
      [{ kind: "no-loss" }, { kind: "lag-below", nodeId: "c", max: 1_000 }],
    );
    const result = await run(g);
    // 1 worker at 5/s against 10/s from 1 s (lag +5 a second, one more in hand), 2 workers
    // at 10/s from 5 s (steady), then partition 1 goes with its 11 unread events.
    expect(result.series.groups.c.lag).toEqual([0, 6, 11, 16, 21, 21, 21, 10, 15, 20]);
    expect(result.expectations[0]).toMatchObject({
      passed: false,
      value: 11,
      firstViolation: { atMs: 8_000, value: 11 },
    });
    // Every event is accounted for: acked, lost, or still waiting.
    expect(result.totals).toMatchObject({ published: 100, acked: 69, lost: 11 });
    expect(result.totals.published).toBe(69 + 11 + result.series.groups.c.lag.at(-1)!);
  });

  it("reset-offsets to earliest replays the retained log", async () => {
    const g = withScenario(
      pipeline(),
      5_000,
      [{ atMs: 3_000, action: "reset-offsets", nodeId: "c", to: "earliest" }],
      [{ kind: "no-loss" }],
    );
    const result = await run(g);
    expect(result.totals).toMatchObject({ published: 50, acked: 80, lost: 0 });
  });
});

describe("runScenario: determinism, bounds, cancel", () => {
  const jittery = (): FlowGraph => {
    const g = pipeline({ processingMs: 0, dlq: true });
    g.nodes[0] = producer("p", { mode: "rate", ratePerSec: 50, jitterPct: 50 });
    const c = g.nodes[2];
    if (c.kind === "consumer")
      c.config = { ...c.config, failureRatePct: 10, processingMs: { min: 5, max: 40 } };
    return withScenario(g, 60_000, [], [{ kind: "lag-below", nodeId: "c", max: 3 }]);
  };

  it("the same seed gives the same result; another seed another", async () => {
    const strip = (r: Awaited<ReturnType<typeof run>>) => ({ ...r, wallMs: 0 });
    const a = await run(jittery(), { seed: 7 });
    const b = await run(jittery(), { seed: 7 });
    const c = await run(jittery(), { seed: 8 });
    expect(strip(a)).toEqual(strip(b));
    expect(strip(c).totals).not.toEqual(strip(a).totals);
  });

  it("series stay within the point budget however long the run", async () => {
    const g = withScenario(pipeline(), 24 * 3_600_000, [], [{ kind: "no-loss" }]);
    g.nodes[0] = producer("p", { mode: "rate", ratePerSec: 1 });
    const result = await run(g);
    expect(result.series.bucketSec).toBe(120);
    expect(result.series.t.length).toBe(720);
    expect(result.series.groups.c.throughput.length).toBe(720);
    expect(result.simulatedMs).toBe(24 * 3_600_000);
    expect(result.totals.published).toBe(86_400);
  });

  it("a cancelled run stops between slices and says how far it got", async () => {
    const signal = { aborted: false };
    let slices = 0;
    const result = await run(withScenario(pipeline(), 600_000, [], [{ kind: "no-loss" }]), {
      signal,
      sliceMs: 0,
      onProgress: () => {
        if (++slices === 3) signal.aborted = true;
      },
    });
    expect(result.status).toBe("cancelled");
    expect(result.simulatedMs).toBe(3_000);
  });

  it("refuses a scenario over the event budget before running it, and a scenario with problems", async () => {
    const g = withScenario(pipeline(), 3_600_000, [], [{ kind: "no-loss" }]);
    const over = await runScenario(g, "s", { maxEvents: 1_000 });
    expect(over).toMatchObject({ ok: false, error: { code: "over-budget" } });
    const broken = withScenario(
      pipeline(),
      10_000,
      [{ atMs: 20_000, action: "consumer-offline", nodeId: "gone" }],
      [{ kind: "lag-below", nodeId: "p", max: 1 }],
    );
    const refused = await runScenario(broken, "s");
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe("invalid-scenario");
    expect(refused.error.issues?.map((i) => i.path)).toEqual([
      "scenarios[0].steps[0].atMs",
      "scenarios[0].steps[0].nodeId",
      "scenarios[0].expectations[0].nodeId",
    ]);
    expect(await runScenario(g, "nope")).toMatchObject({ ok: false, error: { code: "unknown-scenario" } });
  });
});
