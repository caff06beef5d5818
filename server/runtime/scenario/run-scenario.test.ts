import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { producer } from "../testing/flows";
import { runScenario } from "./run-scenario";
import { pipeline, run, withScenario } from "./scenario-fixtures";

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
