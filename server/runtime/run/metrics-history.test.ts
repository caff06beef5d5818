import { describe, expect, it } from "vitest";
import type { RecordRange } from "../records/record-ring";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";
import { simulate } from "../simulate";

const flow = () =>
  graph(
    [
      producer("p", { mode: "rate", ratePerSec: 10 }),
      topic("t", { partitions: 2 }),
      consumer("c", { processingMs: { min: 20, max: 20 } }),
    ],
    [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
  );

describe("metrics and history", () => {
  it("reports exact counts, rates over 1/10/60 s, lag per partition and latency quantiles", async () => {
    const { run, time } = startVirtualRun(flow());
    await time.advanceTo(20_010);
    const m = run.metrics();
    expect(m.nodes.p.counts.published).toBe(200);
    // Whole seconds 0–19 hold 9 + 19 × 10 events; the one at 20 000 ms is in the current second.
    expect(m.nodes.p.rates.out).toEqual({ s1: 10, s10: 10, s60: 199 / 60 });
    expect(m.nodes.t.rates.in).toEqual({ s1: 10, s10: 10, s60: 199 / 60 });
    expect(m.nodes.c.counts).toMatchObject({ delivered: 200, acked: 199 });
    expect(m.nodes.c.inFlight).toBe(1);
    expect(m.nodes.c.lag).toEqual({
      total: 1,
      partitions: [
        { topicNodeId: "t", topic: "t", partition: 0, committedOffset: 100, endOffset: 100, lag: 0 },
        { topicNodeId: "t", topic: "t", partition: 1, committedOffset: 99, endOffset: 100, lag: 1 },
      ],
    });
    expect(m.nodes.c.latency).toEqual({ count: 199, p50: 20, p95: 20, p99: 20 });
    await time.advanceTo(100_000);
    expect(run.metrics().nodes.c.rates.out.s60).toBe(10);
  });

  it("queries the history by event, correlation, node and outcome, and passes records to the sink in batches", async () => {
    const batches: number[] = [];
    const sink = { onRecords: (range: RecordRange) => void batches.push(range.toArray().length) };
    const { run, time } = startVirtualRun(flow(), { sink, historySize: 50 });
    await time.advanceTo(1050);
    const [first] = run.history.query({ nodeId: "p", outcome: "published" });
    expect(run.history.query({ eventId: first.eventId }).map((r) => r.outcome)).toEqual([
      "published",
      "delivered",
      "acked",
    ]);
    expect(run.history.query({ correlationId: first.eventId })).toHaveLength(3);
    expect(run.history.query({ nodeId: "c", outcome: "acked" })).toHaveLength(10);
    expect(run.history.query({ nodeId: "t" })).toHaveLength(30);
    expect(run.history.recent(2).map((r) => r.outcome)).toEqual(["delivered", "acked"]);
    expect(run.history.nextSeq).toBe(30);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(30);
    // The ring keeps the last 50; the event stays retrievable while in topic retention.
    await time.advanceTo(10_050);
    expect(run.history.since(0)).toHaveLength(50);
    expect(run.history.query({ eventId: first.eventId })).toEqual([]);
    expect(run.getEvent(first.eventId)?.id).toBe(first.eventId);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(300);
  });

  it("with records off, metrics stay exact and the history is empty", async () => {
    const { run, time } = startVirtualRun(flow(), { recordsEnabled: false });
    await time.advanceTo(1050);
    expect(run.metrics().nodes.c.counts.acked).toBe(10);
    expect(run.history.recent(10)).toEqual([]);
  });

  it("simulate is deterministic: same seed, identical series with exact counts", async () => {
    const g = graph(
      [
        producer("p", { mode: "rate", ratePerSec: 50, jitterPct: 20 }),
        topic("t", { partitions: 3 }),
        consumer("c", { processingMs: { min: 5, max: 30 }, failureRatePct: 10 }),
        topic("dlq"),
        consumer("d", { processingMs: { min: 100, max: 100 } }),
      ],
      [
        edge("publishes", "p", "t"),
        edge("subscribes", "t", "c"),
        edge("dead-letters", "c", "dlq"),
        edge("subscribes", "t", "d"),
      ],
    );
    const a = await simulate(g, { durationMs: 5000, seed: 5 });
    const b = await simulate(g, { durationMs: 5000, seed: 5 });
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(b.value).toEqual(a.value);
    expect(a.value.seconds).toBe(5);
    const d = a.value.nodes.d;
    // d finishes one event per 100 ms (the first after ~120 ms) while ~50 a second arrive: lag = published − finished.
    expect(d.throughput).toEqual([9, 10, 10, 10, 10]);
    const sums = (xs: number[]) => xs.map((_, i) => xs.slice(0, i + 1).reduce((x, y) => x + y, 0));
    const publishedBy = sums(a.value.nodes.p.throughput);
    const finishedBy = sums(d.throughput);
    expect(d.lag).toEqual(publishedBy.map((p, i) => p - finishedBy[i]));
    const published = publishedBy[4];
    // Pinned for seed 5: a change here means the engine's behaviour (or its use of the PRNG) changed.
    expect(published).toBe(250);
    const cTotals = Object.fromEntries(
      Object.entries(a.value.nodes.c.outcomes)
        .map(([k, v]) => [k, v.reduce((x, y) => x + y, 0)])
        .filter(([, n]) => n !== 0),
    );
    expect(cTotals).toEqual({ delivered: 179, acked: 159, failed: 20, "retry-scheduled": 20 });
    expect(a.value.nodes.t.throughput.reduce((x, y) => x + y, 0)).toBe(published);
    const c = await simulate(g, { durationMs: 5000, seed: 6 });
    expect(c.ok && c.value).not.toEqual(a.value);
  });
});
