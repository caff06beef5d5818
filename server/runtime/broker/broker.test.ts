import { describe, expect, it } from "vitest";
import { fnv1a } from "../random";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";
import { PartitionLog } from "./partition-log";

describe("topics", () => {
  it("partitions by a stable hash of the key, keeping order per partition", () => {
    const g = graph(
      [
        producer("p", {
          payloadTemplate: '{"customerId":"{{pick:alice|bob|carol|dave}}","n":{{seq}}}',
          partitionKeyPath: "customerId",
        }),
        topic("t", { partitions: 4 }),
        consumer("c"),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );
    const { run } = startVirtualRun(g);
    run.fire("p", 200);
    const published = run.history.query({ outcome: "published", limit: 1000 });
    expect(published).toHaveLength(200);
    const seenOffsets = new Map<number, number>();
    for (const r of published) {
      const event = run.getEvent(r.eventId)!;
      const key = (event.data as { customerId: string }).customerId;
      expect(r.partition).toBe(fnv1a(key) % 4);
      // Offsets within a partition are 0, 1, 2 … in publish order.
      const next = seenOffsets.get(r.partition!) ?? 0;
      expect(r.offset).toBe(next);
      seenOffsets.set(r.partition!, next + 1);
    }
    // Deliveries of one partition arrive in offset order.
    const delivered = run.history.query({ outcome: "acked", limit: 1000 });
    for (const p of [0, 1, 2, 3]) {
      const offsets = delivered.filter((r) => r.partition === p).map((r) => r.offset!);
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }
  });

  it("round-robins events without a key", () => {
    const { run } = startVirtualRun(
      graph([producer("p"), topic("t", { partitions: 3 })], [edge("publishes", "p", "t")]),
    );
    run.fire("p", 7);
    expect(run.history.query({ outcome: "published" }).map((r) => r.partition)).toEqual([
      0, 1, 2, 0, 1, 2, 0,
    ]);
    expect(run.metrics().nodes.t.partitions!.map((p) => p.endOffset)).toEqual([3, 2, 2]);
  });

  it("retention by count trims the oldest events", () => {
    const { run } = startVirtualRun(
      graph(
        [producer("p"), topic("t", { retention: { maxEventsPerPartition: 5, maxAgeMs: 0 } })],
        [edge("publishes", "p", "t")],
      ),
    );
    run.fire("p", 12);
    expect(run.metrics().nodes.t.partitions).toEqual([
      { partition: 0, baseOffset: 7, endOffset: 12, size: 5, trimmed: 7 },
    ]);
  });

  it("retention by age trims events older than maxAgeMs", async () => {
    const { run, time } = startVirtualRun(
      graph(
        [
          producer("p", { mode: "interval", intervalMs: 1000 }),
          topic("t", { retention: { maxEventsPerPartition: 100, maxAgeMs: 3000 } }),
        ],
        [edge("publishes", "p", "t")],
      ),
    );
    await time.advanceTo(10_000);
    // Events at 1 s … 10 s; those published before 7 s are older than 3 s (offsets 0–5).
    expect(run.metrics().nodes.t.partitions![0]).toEqual({
      partition: 0,
      baseOffset: 6,
      endOffset: 10,
      size: 4,
      trimmed: 6,
    });
  });

  it("a partition log grows past its first ring and finds offsets by time", () => {
    const log = new PartitionLog(5000, 0);
    const event = Object.freeze({}) as never;
    for (let i = 0; i < 3000; i++) log.append(event, i * 10);
    expect(log.size).toBe(3000);
    expect(log.publishedAt(2999)).toBe(29_990);
    expect(log.offsetForTime(12_345)).toBe(1235);
    expect(log.offsetForTime(1e9)).toBe(3000);
  });

  it("older retained producer events are stored compactly and read back equal and frozen", () => {
    const g = () =>
      graph(
        [
          producer("p", { payloadTemplate: '{"n":{{seq}}}' }),
          topic("t", { partitions: 2, retention: { maxEventsPerPartition: 5000, maxAgeMs: 0 } }),
        ],
        [edge("publishes", "p", "t")],
      );
    const full = startVirtualRun(g()).run;
    const small = startVirtualRun(g(), { historySize: 10 }).run;
    full.fire("p", 3000);
    small.fire("p", 3000);
    const ids = full.history.query({ outcome: "published", limit: 3000 }).map((r) => r.eventId);
    expect(ids).toHaveLength(3000);
    for (const id of [ids[0], ids[1], ids[1500], ids[2999]]) {
      const original = full.getEvent(id)!;
      const read = small.getEvent(id)!;
      expect(read).toEqual(original);
      expect(JSON.stringify(read)).toBe(JSON.stringify(original));
      expect(Object.isFrozen(read)).toBe(true);
    }
    expect(small.getEvent(`${ids[0]}zzzz`)).toBeUndefined(); // well-formed, never published
    expect(small.getEvent("nope")).toBeUndefined();
  });
});
