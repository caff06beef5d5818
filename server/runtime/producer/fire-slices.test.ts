import { describe, expect, it } from "vitest";
import { RealTime } from "../clock/real-time";
import { createFlowRun } from "../run/flow-run";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";
import { SLICE_EVENTS } from "./producer";

const burstFlow = (burstCount: number) =>
  graph(
    [
      producer("p", { mode: "burst", burstCount, payloadTemplate: '{"n":{{seq}}}' }),
      topic("t", { retention: { maxEventsPerPartition: 200_000, maxAgeMs: 0 } }),
      consumer("c"),
    ],
    [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
  );
const published = (run: { metrics(): { nodes: Record<string, { counts: { published: number } }> } }) =>
  run.metrics().nodes.p.counts.published;

describe("fire on a burst producer", () => {
  it("emits a large fire in slices, handing the event loop back between them", async () => {
    const time = new RealTime();
    const created = createFlowRun({
      flowId: "f",
      graph: burstFlow(10_000),
      version: 1,
      seed: 1,
      ports: { clock: time, scheduler: time },
      options: { recordsEnabled: false },
    });
    if (!created.ok) throw new Error(created.error.message);
    const run = created.value;
    run.start();
    // The start burst is sliced too.
    await new Promise<void>((resolve) => {
      const wait = () => (published(run) === 10_000 ? resolve() : setTimeout(wait, 1));
      wait();
    });
    const fired = run.fire("p", 10);
    expect(fired.ok && fired.value.emitted + (fired.value.queued ?? 0)).toBe(100_000);
    expect(fired.ok && fired.value.emitted).toBeLessThanOrEqual(SLICE_EVENTS);
    // A callback queued behind the fire runs while the rest is still being emitted.
    const seenBetween = await new Promise<number>((resolve) => setImmediate(() => resolve(published(run))));
    expect(seenBetween).toBeGreaterThan(10_000);
    expect(seenBetween).toBeLessThan(110_000);
    await new Promise<void>((resolve) => {
      const wait = () => (published(run) === 110_000 ? resolve() : setTimeout(wait, 1));
      wait();
    });
    expect(run.metrics().nodes.c.counts.acked).toBe(110_000);
    await run.stop({ graceMs: 0 });
    time.clear();
  });

  it("refuses a fire past the ceiling of one control, naming it", () => {
    const { run } = startVirtualRun(burstFlow(50_000));
    expect(run.fire("p", 3)).toEqual({
      ok: false,
      error: {
        code: "bad-argument",
        message: "one fire emits at most 100000 events; this one asks for 150000 (3 bursts of 50000)",
        nodeId: "p",
      },
    });
  });

  it("refuses a fire while earlier fires still owe the ceiling's worth of events", async () => {
    const { run, time } = startVirtualRun(burstFlow(50_000), { recordsEnabled: false });
    await time.advanceTo(0);
    expect(run.fire("p", 2)).toEqual({ ok: true, value: { emitted: SLICE_EVENTS, queued: 95_000 } });
    expect(run.fire("p", 1)).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    await time.advanceTo(0);
    expect(published(run)).toBe(150_000);
    expect(run.fire("p", 1)).toEqual({ ok: true, value: { emitted: SLICE_EVENTS, queued: 45_000 } });
  });

  it("stopping the run drops what a fire still owed", async () => {
    const { run, time } = startVirtualRun(burstFlow(40_000), { recordsEnabled: false });
    await time.advanceTo(0);
    run.fire("p", 2);
    await run.stop({ graceMs: 0 });
    await time.advanceTo(10);
    expect(published(run)).toBe(40_000 + SLICE_EVENTS);
  });
});
