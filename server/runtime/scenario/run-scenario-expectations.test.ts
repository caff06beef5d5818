import { describe, expect, it } from "vitest";
import { pipeline, run, withScenario } from "./scenario-fixtures";

describe("runScenario: each expectation under the virtual clock", () => {
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
});
