import { describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "./testing/flows";
import { STOPPED_HISTORY_RECORDS } from "./run/flow-run";
import { estimateBytes } from "./run-memory";

const MB = 1024 * 1024;
/** An ingest-like flow: events of ~200 KB published to a topic that keeps 100,000 of them. */
const bigFlow = () =>
  graph(
    [
      producer("p"),
      topic("t", { partitions: 2, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
      consumer("c", { online: false }),
    ],
    [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
  );
const blob = "x".repeat(200_000);
const big = (n: number) =>
  createEvent({ id: `e${n}`, source: "/http", type: "upload.received", timeMs: n, data: { n, blob } });

describe("a run's memory budget", () => {
  it("trims the run's oldest events beyond the topic share of the budget, and says how many", async () => {
    const { run, time } = startVirtualRun(bigFlow(), { maxMemoryBytes: 16 * MB });
    for (let n = 0; n < 400; n++) {
      const published = run.publish("t", [{ event: big(n) }]);
      expect(published.ok).toBe(true);
      await time.advanceBy(1);
    }
    // 400 events of ~200 KB (80 MB) went through; the topics hold at most 12 MB (three quarters).
    const report = run.memory();
    expect(report.limitBytes).toBe(16 * MB);
    expect(report.topicBytes).toBeLessThanOrEqual(12 * MB);
    expect(report.topicBytes).toBeGreaterThan(10 * MB);
    const perEvent = 200 + estimateBytes(big(0).data, 0);
    const held = Math.round(report.topicBytes / perEvent);
    expect(report.trimmedEvents).toBe(400 - held);
    const { partitions } = run.metrics().nodes.t as unknown as {
      partitions: { baseOffset: number; endOffset: number }[];
    };
    expect(partitions.reduce((sum, p) => sum + p.endOffset - p.baseOffset, 0)).toBe(held);
    // The newest events are the ones kept: the oldest can no longer be fetched.
    expect(run.getEvent("e399")?.data).toEqual({ n: 399, blob });
    expect(run.getEvent("e0")).toBeUndefined();
  });

  it("the history keeps the ids of old records but lets their payloads go beyond its share", async () => {
    const { run, time } = startVirtualRun(bigFlow(), { maxMemoryBytes: 16 * MB });
    for (let n = 0; n < 400; n++) {
      run.publish("t", [{ event: big(n) }]);
      await time.advanceBy(1);
    }
    const report = run.memory();
    expect(report.historyBytes).toBeLessThanOrEqual(4 * MB);
    expect(report.releasedPayloads).toBeGreaterThan(300);
    // Every record is still there, with the id of its event.
    expect(run.history.query({ outcome: "published", limit: 1000 }).map((r) => r.eventId)).toEqual(
      Array.from({ length: 400 }, (_, n) => `e${n}`),
    );
  });

  it("stopping the run frees its topics at once and keeps a bounded history", async () => {
    const { run, time } = startVirtualRun(bigFlow(), { maxMemoryBytes: 64 * MB, historySize: 50_000 });
    for (let n = 0; n < 100; n++) run.publish("t", [{ event: big(n) }]);
    run.fire("p", 20_000);
    await time.advanceTo(10);
    expect(run.memory().topicBytes).toBeGreaterThan(15 * MB);
    await run.stop({ graceMs: 0 });
    expect(run.memory().topicBytes).toBe(0);
    expect(run.memory().historyBytes).toBeLessThanOrEqual(4 * MB);
    expect(run.history.recent(100_000)).toHaveLength(STOPPED_HISTORY_RECORDS);
    expect(run.history.recent(1)[0].seq).toBe(run.history.nextSeq - 1);
  });
});
