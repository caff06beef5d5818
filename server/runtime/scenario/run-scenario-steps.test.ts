import { describe, expect, it } from "vitest";
import { pipeline, run, withScenario } from "./scenario-fixtures";

describe("runScenario: each step under the virtual clock", () => {
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
