import { describe, expect, it } from "vitest";
import { consumer, countsOf, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";

describe("consumer groups", () => {
  it("fan out: every group receives every event", () => {
    const g = graph(
      [producer("p"), topic("t", { partitions: 3 }), consumer("a"), consumer("b")],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "a"), edge("subscribes", "t", "b")],
    );
    const { run } = startVirtualRun(g);
    run.fire("p", 30);
    expect(countsOf(run, "a")).toEqual({ delivered: 30, acked: 30 });
    expect(countsOf(run, "b")).toEqual({ delivered: 30, acked: 30 });
  });

  it("divides partitions among workers: 4 partitions, 2 workers, 10 ms each → 2 deliveries at a time", async () => {
    const g = graph(
      [
        producer("p"),
        topic("t", { partitions: 4 }),
        consumer("c", { concurrency: 2, processingMs: { min: 10, max: 10 } }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );
    const { run, time } = startVirtualRun(g);
    run.fire("p", 8);
    expect(run.metrics().nodes.c.inFlight).toBe(2);
    await time.advanceTo(10);
    expect(countsOf(run, "c")).toEqual({ delivered: 4, acked: 2 });
    await time.advanceTo(40);
    expect(countsOf(run, "c")).toEqual({ delivered: 8, acked: 8 });
    // Worker 0 owns partitions 0 and 2, worker 1 owns 1 and 3; they alternate their partitions.
    const acks = run.history.query({ outcome: "acked" }).map((r) => `${r.atMs}:${r.partition}`);
    expect(acks).toEqual(["10:0", "10:1", "20:2", "20:3", "30:0", "30:1", "40:2", "40:3"]);
  });

  it("commits only over finished deliveries", async () => {
    const g = graph(
      [producer("p"), topic("t"), consumer("c", { processingMs: { min: 100, max: 100 } })],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );
    const { run, time } = startVirtualRun(g);
    run.fire("p", 3);
    const lag = () => run.metrics().nodes.c.lag!.partitions[0];
    expect(lag()).toMatchObject({ committedOffset: 0, endOffset: 3, lag: 3 });
    await time.advanceTo(150);
    expect(lag()).toMatchObject({ committedOffset: 1, lag: 2 });
    await time.advanceTo(300);
    expect(lag()).toMatchObject({ committedOffset: 3, lag: 0 });
  });

  it("retries with fixed backoff at exact times, then dead-letters with the original, reason and attempts", async () => {
    const g = graph(
      [
        producer("p"),
        topic("t"),
        topic("dlq"),
        consumer("c", {
          failureRatePct: 100,
          processingMs: { min: 5, max: 5 },
          retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 100, maxDelayMs: 100 },
        }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c"), edge("dead-letters", "c", "dlq")],
    );
    const { run, time } = startVirtualRun(g);
    run.fire("p", 1);
    await time.advanceTo(10_000);
    const steps = run.history
      .query({ nodeId: "c" })
      .map(
        (r) => `${r.atMs} ${r.outcome}${r.attempt ? " #" + r.attempt : ""}${r.reason ? " " + r.reason : ""}`,
      );
    expect(steps).toEqual([
      "0 delivered #1",
      "5 failed #1 failure-rate",
      "5 retry-scheduled #1 failure-rate",
      "105 delivered #2",
      "110 failed #2 failure-rate",
      "110 retry-scheduled #2 failure-rate",
      "210 delivered #3",
      "215 failed #3 failure-rate",
      "215 dead-lettered #3 failure-rate",
      "215 published",
    ]);
    const letter = run.history.query({ nodeId: "dlq", outcome: "published" })[0];
    const original = run.history.query({ nodeId: "p", outcome: "published" })[0];
    const event = run.getEvent(letter.eventId)!;
    expect(event.type).toBe("order.placed.dead-lettered");
    expect(event.causationid).toBe(original.eventId);
    expect(event.correlationid).toBe(original.eventId);
    expect(event.data).toMatchObject({
      original: run.getEvent(original.eventId),
      reason: "failure-rate",
      attempts: 3,
      group: "c",
      topic: "t",
      partition: 0,
      offset: 0,
    });
    expect(run.metrics().nodes.c.lag!.total).toBe(0);
  });

  it("exponential backoff doubles up to the maximum; without a DLQ the delivery is dropped", async () => {
    const g = graph(
      [
        producer("p"),
        topic("t"),
        consumer("c", {
          failureRatePct: 100,
          retry: { maxAttempts: 5, backoff: "exponential", initialDelayMs: 100, maxDelayMs: 300 },
        }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );
    const { run, time } = startVirtualRun(g);
    run.fire("p", 1);
    await time.advanceTo(10_000);
    expect(run.history.query({ nodeId: "c", outcome: "delivered" }).map((r) => r.atMs)).toEqual([
      0, 100, 300, 600, 900,
    ]);
    expect(run.history.query({ nodeId: "c", outcome: "dropped" })).toMatchObject([
      { atMs: 900, attempt: 5, reason: "failure-rate" },
    ]);
    expect(countsOf(run, "c")).toEqual({ delivered: 5, failed: 5, "retry-scheduled": 4, dropped: 1 });
  });

  it("an offline group receives nothing, its lag grows, and it catches up without loss", async () => {
    const g = graph(
      [
        producer("p", { mode: "interval", intervalMs: 100 }),
        topic("t", { partitions: 2 }),
        consumer("c", { online: false }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );
    const { run, time } = startVirtualRun(g);
    await time.advanceTo(1000);
    expect(run.metrics().nodes.c.lag!.total).toBe(10);
    expect(countsOf(run, "c")).toEqual({});
    run.setConsumerOnline("c", true);
    expect(countsOf(run, "c")).toEqual({ delivered: 10, acked: 10 });
    expect(run.metrics().nodes.c.lag!.total).toBe(0);
    run.setConsumerOnline("c", false);
    await time.advanceTo(2000);
    expect(run.metrics().nodes.c.lag!.total).toBe(10);
    run.setConsumerOnline("c", true);
    const acked = run.history.query({ nodeId: "c", outcome: "acked", limit: 100 }).map((r) => r.eventId);
    expect(new Set(acked).size).toBe(20);
  });

  it("a retry that falls due while offline waits for the group to come back", async () => {
    const g = graph(
      [
        producer("p"),
        topic("t"),
        consumer("c", {
          failureRatePct: 100,
          retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 100, maxDelayMs: 100 },
        }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );
    const { run, time } = startVirtualRun(g);
    run.fire("p", 1);
    run.setConsumerOnline("c", false);
    await time.advanceTo(500);
    expect(countsOf(run, "c")).toEqual({ delivered: 1, failed: 1, "retry-scheduled": 1 });
    run.setConsumerOnline("c", true);
    expect(run.history.query({ nodeId: "c", outcome: "delivered" }).map((r) => [r.atMs, r.attempt])).toEqual([
      [0, 1],
      [500, 2],
    ]);
    expect(countsOf(run, "c")).toEqual({ delivered: 2, failed: 2, "retry-scheduled": 1, dropped: 1 });
  });

  it("filters count non-matching events as filtered, matched against the envelope", () => {
    const g = graph(
      [producer("p", { payloadTemplate: '{"quantity":{{seq}}}' }), topic("t"), consumer("c")],
      [
        edge("publishes", "p", "t"),
        edge("subscribes", "t", "c", {
          filter: { type: ["order.placed"], data: { quantity: [{ numeric: [">", 2] }] } },
        }),
      ],
    );
    const { run } = startVirtualRun(g);
    run.fire("p", 5);
    expect(countsOf(run, "c")).toEqual({ delivered: 3, acked: 3, filtered: 2 });
    expect(run.metrics().nodes.c.lag!.total).toBe(0);
  });
});
