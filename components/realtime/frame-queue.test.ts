import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLiveStore } from "./create-live-store";
import { FrameQueue } from "./frame-queue";
import { consumerMetrics, deliveryBatch, deliveryRow, metricsAt, rows, runStatus } from "./test-fixtures";

describe("FrameQueue", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("holds batches until the watch snapshot, then applies them without the rows it already held", () => {
    const store = createLiveStore("flow-1");
    const queue = new FrameQueue(store, () => 0);
    queue.restart();
    queue.pushBatch(deliveryBatch(rows(8, 5))); // seq 8..12 arrive before the snapshot answer
    vi.advanceTimersByTime(1_000);
    expect(store.getState().rows.size).toBe(0);
    store.getState().reset({ status: runStatus(), metrics: null, recent: rows(0, 10) }); // seq 0..9
    queue.started(9);
    vi.advanceTimersByTime(300);
    expect(
      store
        .getState()
        .rows.toArray()
        .map((r) => r.seq),
    ).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  });

  it("applies everything that arrived in one flush, with one store update per kind", () => {
    const store = createLiveStore("flow-1");
    const queue = new FrameQueue(store, () => 0);
    queue.started(-1);
    const updates = vi.fn();
    store.subscribe(updates);
    for (let i = 0; i < 20; i++) queue.pushBatch(deliveryBatch([deliveryRow(i)]));
    queue.pushMetrics(metricsAt(1_000, [consumerMetrics("email")]));
    queue.pushMetrics(metricsAt(2_000, [consumerMetrics("email", { lag: 7 })]));
    queue.pushStatus(runStatus("stopping"));
    expect(updates).not.toHaveBeenCalled();
    vi.advanceTimersByTime(300);
    expect(updates).toHaveBeenCalledTimes(3);
    expect(store.getState().rows.size).toBe(20);
    expect(store.getState().metrics!.nodes.email!.lag).toBe(7);
    expect(store.getState().status!.state).toBe("stopping");
  });
});
