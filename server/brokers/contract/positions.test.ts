import { expect, it } from "vitest";
import { consumer, edge, graph, producer } from "../../runtime/testing/flows";
import { eventually, settle } from "../testing/backends";
import { acked, brokerContract, counts } from "../testing/contract";

/** The broker contract (every backend, exact counts): replay, redeploy by diff, metrics and delivery records. */
brokerContract("replay, redeploy by diff, metrics and delivery records", ({ backend, t, start }) => {
  it("replays a group from the earliest event and from a time", async () => {
    const run = start(
      graph(
        [producer("p"), t("t", { partitions: 2 }), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 4);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 4,
    );
    await settle(50);
    const middle = Date.now();
    await settle(50);
    run.fire("p", 3);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 7,
    );
    expect(run.resetGroupOffsets("c", { to: "earliest" }).ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 14,
    );
    expect(run.resetGroupOffsets("c", { timestampMs: middle }).ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 17,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 17, acked: 17 });
  });

  it("redeploys by diff: a changed group keeps its offsets, nothing is delivered twice", async () => {
    const nodes = (processingMs: number) => [
      producer("p"),
      t("t", { partitions: 2 }),
      consumer("c", { processingMs: { min: processingMs, max: processingMs } }),
    ];
    const edges = [edge("publishes", "p", "t"), edge("subscribes", "t", "c")];
    const run = start(graph(nodes(0), edges));
    run.fire("p", 6);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 6,
    );
    expect(run.apply(graph(nodes(1), edges), 2)).toMatchObject({ ok: true, value: { restarted: ["c"] } });
    run.fire("p", 4);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 10,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 10, acked: 10 });
    const ids = run.history.query({ nodeId: "c", outcome: "acked", limit: 100 }).map((r) => r.eventId);
    expect(new Set(ids).size).toBe(10);
  });

  it("keeps metrics and delivery records for every step", async () => {
    const run = start(
      graph(
        [producer("p"), t("t"), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 8);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 8,
    );
    await settle();
    const byOutcome = (outcome: "published" | "delivered" | "acked") =>
      run.history.query({ outcome, limit: 100 }).length;
    expect([byOutcome("published"), byOutcome("delivered"), byOutcome("acked")]).toEqual([8, 8, 8]);
    const metrics = run.metrics().nodes.c;
    expect(metrics.latency?.count).toBe(8);
    expect(metrics.inFlight).toBe(0);
    expect(run.metrics().nodes.p.counts.published).toBe(8);
    // Every step shows where the event sits: its offset in the embedded log, else the broker's own
    // offset (Redis entry id, JetStream stream sequence), the same for publishing and delivery.
    const records = run.history.query({ limit: 100 });
    const where = new Map(
      records.filter((r) => r.outcome === "published").map((r) => [r.eventId, r.offset ?? r.brokerOffset]),
    );
    expect(new Set(where.values()).size).toBe(8);
    for (const r of records) {
      expect(backend === "embedded" ? typeof r.offset : typeof r.brokerOffset).toBe(
        backend === "embedded" ? "number" : "string",
      );
      expect(backend === "embedded" ? r.brokerOffset : r.offset).toBeUndefined();
      expect(r.offset ?? r.brokerOffset).toBe(where.get(r.eventId));
      expect(r.external).toBeUndefined();
    }
  });
});
