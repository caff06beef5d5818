import { describe, expect, it } from "vitest";
import { FLOW_TEMPLATES } from "@/lib/templates";
import { runScenario } from "./run-scenario";

/** Each template's scenario passes or fails for the reason its description gives. */
describe("template scenarios", () => {
  const template = (id: string) => FLOW_TEMPLATES.find((t) => t.id === id)!.graph;
  const run = async (id: string, scenarioId: string) => {
    const result = await runScenario(template(id), scenarioId);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };
  const verdicts = (r: Awaited<ReturnType<typeof run>>) => r.expectations.map((e) => [e.kind, e.passed]);

  it("e-commerce Black Friday fails on payment latency and on email's slow recovery, nothing else", async () => {
    const r = await run("ecommerce-orders", "black-friday");
    expect(r.status).toBe("failed");
    expect(verdicts(r)).toEqual([
      ["lag-below", true],
      ["latency-below", false],
      ["lag-recovers", false],
      ["no-loss", true],
      ["dead-letters-below", true],
    ]);
    // Payment falls behind within seconds of the ×5 at 2:00; email is still far behind at 20:00.
    expect(r.expectations[1].firstViolation?.atMs).toBe(130_000);
    expect(r.expectations[2].firstViolation?.atMs).toBe(1_200_000);
    expect(r.expectations[2].firstViolation!.value).toBeGreaterThan(10_000);
    expect(r.totals.lost).toBe(0);
  }, 60_000);

  it("IoT sensor burst passes: the dashboard drains its backlog within two minutes", async () => {
    const r = await run("iot-sensors", "sensor-burst");
    expect(r.status).toBe("passed");
    expect(r.expectations[0].recoveredAfterMs).toBe(33_000);
    expect(r.series.groups.dashboard.lag.some((lag) => lag > 10_000)).toBe(true);
  }, 60_000);

  it("retry and dead-letter fails: the poison wave at 5:00 pushes dead letters past 5 %", async () => {
    const r = await run("retry-dead-letter", "rising-poison");
    expect(r.status).toBe("failed");
    expect(verdicts(r)).toEqual([
      ["dead-letters-below", false],
      ["lag-recovers", false],
      ["no-loss", true],
    ]);
    expect(r.expectations[0].firstViolation!.atMs).toBeGreaterThan(300_000);
    expect(r.expectations[0].value).toBeGreaterThan(5);
    expect(r.totals.deadLettered).toBeGreaterThanOrEqual(130);
  }, 60_000);
});
