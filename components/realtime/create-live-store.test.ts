import { describe, expect, it } from "vitest";
import { OUTCOME_NAMES } from "@/lib/realtime/protocol";
import { createLiveStore } from "./create-live-store";
import { consumerMetrics, deliveryBatch, deliveryRow, metricsAt, rows, runStatus } from "./test-fixtures";

const seqs = (store: ReturnType<typeof createLiveStore>) =>
  store
    .getState()
    .rows.toArray()
    .map((r) => r.seq);

describe("live store", () => {
  it("starts from the watch snapshot, ordered, and replaces everything on a reset", () => {
    const store = createLiveStore("flow-1");
    store.getState().reset({
      status: runStatus(),
      metrics: metricsAt(5_000, [consumerMetrics("email")]),
      recent: [deliveryRow(3), deliveryRow(1), deliveryRow(2)],
    });
    expect(seqs(store)).toEqual([1, 2, 3]);
    expect(store.getState().rows.newest()!.seq).toBe(3);
    expect(store.getState().connection).toBe("live");
    expect(store.getState().history.email!.t).toEqual([5]);
    store.getState().applyBatches([deliveryBatch(rows(4, 2), { acked: 7 })], 1_000);
    store.getState().reset({ status: runStatus("stopped"), metrics: null, recent: [deliveryRow(9)] });
    expect(seqs(store)).toEqual([9]);
    expect(store.getState().sampledOut.acked).toBe(0);
    expect(store.getState().status!.state).toBe("stopped");
  });

  it("caps the rows at the ring's capacity, dropping the oldest", () => {
    const store = createLiveStore("flow-1", { rowCapacity: 1_000 });
    for (let b = 0; b < 30; b++) store.getState().applyBatches([deliveryBatch(rows(b * 100, 100))], b * 100);
    expect(store.getState().rows.size).toBe(1_000);
    expect(store.getState().rows.newest()!.seq).toBe(2_999);
    expect(store.getState().rows.oldest()!.seq).toBe(2_000);
  });

  it("holds rows while paused, bounded, with exact counts, and merges them in on resume", () => {
    const store = createLiveStore("flow-1", { holdCapacity: 250 });
    store.getState().applyBatches([deliveryBatch(rows(0, 10))], 0);
    store.getState().pause();
    const version = store.getState().rowsVersion;
    for (let b = 0; b < 4; b++)
      store.getState().applyBatches([deliveryBatch(rows(10 + b * 100, 100))], b * 100);
    const paused = store.getState();
    expect(paused.rowsVersion).toBe(version); // the table does not move
    expect(paused.rows.size).toBe(10);
    expect([paused.heldCount, paused.heldOverflow, paused.held.size]).toEqual([400, 150, 250]);
    store.getState().resume();
    const resumed = store.getState();
    expect([resumed.paused, resumed.heldCount, resumed.heldOverflow, resumed.held.size]).toEqual([
      false,
      0,
      0,
      0,
    ]);
    expect(resumed.rows.size).toBe(260);
    expect(resumed.rows.newest()!.seq).toBe(409);
    expect(resumed.rows.at(249)!.seq).toBe(160); // the newest 250 held rows, then the 10 shown before
    expect(resumed.rows.at(250)!.seq).toBe(9);
  });

  it("counts sampled-out and missed records so that rows + not sent = total, per outcome", () => {
    const store = createLiveStore("flow-1");
    store
      .getState()
      .applyBatches(
        [
          deliveryBatch(
            [deliveryRow(1, "acked"), deliveryRow(2, "failed")],
            { acked: 900, failed: 12, "retry-scheduled": 3 },
            5,
          ),
          deliveryBatch([deliveryRow(3, "dead-lettered")], { published: 1_000 }, 2),
        ],
        0,
      );
    const s = store.getState();
    for (const name of OUTCOME_NAMES) expect(s.received[name] + s.sampledOut[name]).toBe(s.totals[name]);
    expect(s.totals).toMatchObject({
      acked: 901,
      failed: 13,
      "retry-scheduled": 3,
      "dead-lettered": 1,
      published: 1_000,
    });
    expect(s.missed).toBe(7);
  });

  it("collects the topics and consumer groups seen, without churn when nothing is new", () => {
    const store = createLiveStore("flow-1");
    store
      .getState()
      .applyBatches(
        [deliveryBatch([deliveryRow(1), deliveryRow(2, "acked", { topic: "payments", group: "ledger" })])],
        0,
      );
    const { topics, groups } = store.getState();
    expect(topics).toEqual(["orders", "payments"]);
    expect(groups).toEqual(["email-senders", "ledger"]);
    store.getState().applyBatches([deliveryBatch([deliveryRow(3)])], 100);
    expect(store.getState().topics).toBe(topics);
  });

  it("keeps the newest metrics and a history per node, and decays edges on tick", () => {
    const store = createLiveStore("flow-1");
    store.getState().applyMetrics(metricsAt(2_000, [consumerMetrics("email", { lag: 3 })]));
    store.getState().applyMetrics(metricsAt(1_000, [consumerMetrics("email", { lag: 99 })]));
    expect(store.getState().metrics!.nodes.email!.lag).toBe(3);
    store.getState().applyMetrics(metricsAt(3_000, [consumerMetrics("email", { lag: 4 })]));
    expect(store.getState().history.email!.lag).toEqual([3, 4]);
    store.getState().applyBatches([deliveryBatch(rows(1, 10))], 0);
    expect(store.getState().edges["e-orders-email"]).toBeDefined();
    store.getState().tick(60_000);
    expect(store.getState().edges["e-orders-email"]).toBeUndefined();
  });
});
