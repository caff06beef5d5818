import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { consumer, edge, graph, producer, topic } from "../testing/flows";
import { forecastCapacity, smallestPassing, smallestPassingFrom } from "./forecast";
import { runScenario } from "./run-scenario";

/** 20 events/s into 4 partitions; each delivery takes 150 ms, so one worker does ~6.7/s. */
function flow(): FlowGraph {
  const g = graph(
    [
      producer("p", { mode: "rate", ratePerSec: 20 }),
      topic("t", { partitions: 4 }),
      consumer("c", { processingMs: { min: 150, max: 150 } }),
    ],
    [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
  );
  return {
    ...g,
    scenarios: [
      {
        id: "s",
        name: "Steady",
        durationMs: 30_000,
        steps: [],
        expectations: [{ kind: "lag-below", nodeId: "c", max: 20 }],
      },
    ],
  };
}

async function passes(multiplier: number, workers: number, partitions?: number): Promise<boolean> {
  const run = await runScenario(flow(), "s", {
    variation: { multiplier, capacity: { groupId: "c", workers, partitions } },
  });
  if (!run.ok) throw new Error(run.error.message);
  return run.value.status === "passed";
}

describe("capacity forecast", () => {
  it("binary and galloping searches find the smallest passing number", async () => {
    for (let answer = 1; answer <= 40; answer++) {
      const asked: number[] = [];
      const test = async (n: number) => (asked.push(n), n >= answer);
      expect(await smallestPassing(1, 40, test)).toBe(answer);
      expect(await smallestPassingFrom(1, 40, test)).toBe(answer);
    }
    expect(await smallestPassingFrom(1, 8, async () => false)).toBeUndefined();
  });

  it("returns the minimal workers, and partitions when they are the limit, as exhaustive search does", async () => {
    // Exhaustive: ×1 needs the smallest worker count in 1..4 that passes.
    let exhaustive1: number | undefined;
    for (let w = 1; w <= 4 && exhaustive1 === undefined; w++) if (await passes(1, w)) exhaustive1 = w;
    // ×2 (40/s) needs more than 4 workers: the smallest partitions p (one worker each) that pass, then workers.
    let exhaustive2: { partitions: number; workers: number } | undefined;
    expect(await passes(2, 4)).toBe(false);
    for (let p = 5; p <= 12 && exhaustive2 === undefined; p++) {
      if (!(await passes(2, p, p))) continue;
      for (let w = 1; w <= p; w++)
        if (await passes(2, w, p)) {
          exhaustive2 = { partitions: p, workers: w };
          break;
        }
    }
    expect(exhaustive1).toBe(4);
    expect(exhaustive2).toEqual({ partitions: 6, workers: 6 });

    const result = await forecastCapacity(flow(), "s", { nodeId: "c", multipliers: [2, 1] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ nodeId: "c", baseWorkers: 1, basePartitions: 4 });
    expect(
      result.value.rows.map(({ multiplier, workers, partitions, partitionsLimited }) => ({
        multiplier,
        workers,
        partitions,
        partitionsLimited,
      })),
    ).toEqual([
      { multiplier: 1, workers: exhaustive1, partitions: undefined, partitionsLimited: false },
      {
        multiplier: 2,
        workers: exhaustive2!.workers,
        partitions: exhaustive2!.partitions,
        partitionsLimited: true,
      },
    ]);
    for (const row of result.value.rows) {
      expect(row.margin).toBeGreaterThanOrEqual(0);
      expect(row.tightest).toBe(0);
    }
  });

  it("says when no capacity within the limits meets the expectations", async () => {
    const g = flow();
    g.scenarios![0].expectations = [{ kind: "lag-below", nodeId: "c", max: 0 }];
    const result = await forecastCapacity(g, "s", { nodeId: "c", multipliers: [1] });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.rows[0]).toMatchObject({ multiplier: 1, partitionsLimited: false, tightest: 0 });
    expect(result.value.rows[0].workers).toBeUndefined();
  });
});
