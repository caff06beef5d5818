import { describe, expect, it } from "vitest";
import { consumer, countsOf, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";

const flow = (config: Parameters<typeof producer>[1]) =>
  graph(
    [producer("p", config), topic("t"), consumer("c")],
    [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
  );

describe("producers", () => {
  it("rate mode without jitter emits exactly ratePerSec per second, the first one gap after start", async () => {
    const { run, time } = startVirtualRun(flow({ mode: "rate", ratePerSec: 10 }));
    await time.advanceTo(999);
    expect(run.metrics().nodes.p.counts.published).toBe(9);
    await time.advanceTo(1000);
    expect(run.metrics().nodes.p.counts.published).toBe(10);
    await time.advanceTo(60_000);
    expect(run.metrics().nodes.p.counts.published).toBe(600);
  });

  it("rate mode with jitter averages the rate and is reproducible from the seed", async () => {
    const times = async (seed: number) => {
      const { run, time } = startVirtualRun(flow({ mode: "rate", ratePerSec: 100, jitterPct: 50 }), { seed });
      await time.advanceTo(10_000);
      return run.history.query({ outcome: "published", limit: 5000 }).map((r) => r.atMs);
    };
    const a = await times(3);
    expect(a).toEqual(await times(3));
    expect(a).not.toEqual(await times(4));
    // 10 s at a mean gap of 10 ms, each gap within ±50 %: between 667 and 2000 events, near 1000.
    expect(a.length).toBeGreaterThan(950);
    expect(a.length).toBeLessThan(1050);
    for (let i = 1; i < a.length; i++) expect(a[i] - a[i - 1]).toBeGreaterThanOrEqual(5 - 1e-9);
  });

  it("interval mode emits every intervalMs; maxEvents stops it", async () => {
    const { run, time } = startVirtualRun(flow({ mode: "interval", intervalMs: 250, maxEvents: 7 }));
    await time.advanceTo(1000);
    expect(run.metrics().nodes.p.counts.published).toBe(4);
    await time.advanceTo(100_000);
    expect(run.metrics().nodes.p.counts.published).toBe(7);
    expect(time.pending).toBe(0);
  });

  it("burst mode emits burstCount at start and per fire; manual mode only on fire", async () => {
    const { run, time } = startVirtualRun(
      graph(
        [producer("b", { mode: "burst", burstCount: 5 }), producer("m"), topic("t")],
        [edge("publishes", "b", "t"), edge("publishes", "m", "t")],
      ),
    );
    await time.advanceTo(10_000);
    expect(run.metrics().nodes.b.counts.published).toBe(5);
    expect(run.metrics().nodes.m.counts.published).toBe(0);
    expect(run.fire("b", 2)).toEqual({ ok: true, value: { emitted: 10 } });
    expect(run.fire("m", 3)).toEqual({ ok: true, value: { emitted: 3 } });
    expect(run.metrics().nodes.t.counts.published).toBe(18);
  });

  it("fire respects maxEvents", () => {
    const { run } = startVirtualRun(flow({ maxEvents: 4 }));
    expect(run.fire("p", 3)).toEqual({ ok: true, value: { emitted: 3 } });
    expect(run.fire("p", 3)).toEqual({ ok: true, value: { emitted: 1 } });
    expect(run.fire("p", 3)).toEqual({ ok: true, value: { emitted: 0 } });
  });

  it("events are frozen CloudEvents with seeded fake data: same seed, same payloads", () => {
    const payloads = (seed: number) => {
      const { run } = startVirtualRun(
        flow({ payloadTemplate: '{"orderId":"{{orderId}}","qty":{{quantity}},"n":{{seq}}}' }),
        { seed },
      );
      run.fire("p", 3);
      return run.history.query({ outcome: "published" }).map((r) => run.getEvent(r.eventId)!);
    };
    const events = payloads(9);
    const first = events[0];
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.data)).toBe(true);
    expect(() => {
      (first as { type: string }).type = "changed";
    }).toThrow();
    expect(first).toMatchObject({
      specversion: "1.0",
      source: "/shop",
      type: "order.placed",
      datacontenttype: "application/json",
      time: "1970-01-01T00:00:00.000Z",
      hopcount: 0,
    });
    expect(first.correlationid).toBe(first.id);
    expect(events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    expect(payloads(9).map((e) => e.data)).toEqual(events.map((e) => e.data));
    expect(payloads(10).map((e) => e.data)).not.toEqual(events.map((e) => e.data));
  });

  it("a template that renders invalid JSON is refused before the run starts, with its reason", () => {
    // It would drop every event: the flow's validation makes it an error, so it never deploys.
    expect(() => startVirtualRun(flow({ payloadTemplate: '{"word": {{word}} {{word}} }' }))).toThrow(
      /"path":"nodes\[0\]\.config\.payloadTemplate","message":"cannot make events: the filled-in template is not valid JSON: /,
    );
  });

  it("a payload over maxPayloadBytes is dropped with payload-too-large", () => {
    const { run } = startVirtualRun(flow({ payloadTemplate: '{"s":"{{sentence}}","n":{{seq}}}' }), {
      maxPayloadBytes: 20,
    });
    run.fire("p", 1);
    expect(run.history.recent(1)[0]).toMatchObject({
      outcome: "dropped",
      nodeId: "p",
      reason: "payload-too-large",
    });
  });

  it("the run-wide events-per-second cap drops the excess with rate-cap", async () => {
    const { run, time } = startVirtualRun(flow({}), { maxEventsPerSec: 5 });
    expect(run.fire("p", 8)).toEqual({ ok: true, value: { emitted: 8 } });
    expect(countsOf(run, "p")).toEqual({ published: 5, dropped: 3 });
    await time.advanceTo(1000);
    run.fire("p", 5);
    expect(countsOf(run, "p")).toEqual({ published: 10, dropped: 3 });
  });
});
