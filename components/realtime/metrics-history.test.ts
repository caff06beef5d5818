import { describe, expect, it } from "vitest";
import { zeroCounts } from "@/lib/realtime/protocol";
import { appendSnapshot, HISTORY_WINDOW_MS, type NodeHistory } from "./metrics-history";
import { consumerMetrics, metricsAt } from "./test-fixtures";

describe("metrics history", () => {
  it("keeps the last ten minutes of one-second snapshots per node", () => {
    let histories: Record<string, NodeHistory> = {};
    let previous = null;
    for (let s = 0; s < 900; s++) {
      const snapshot = metricsAt(1_000_000 + s * 1000, [consumerMetrics("email", { lag: s })]);
      histories = appendSnapshot(histories, snapshot, previous);
      previous = snapshot;
    }
    const email = histories.email!;
    expect(email.t.length).toBe(HISTORY_WINDOW_MS / 1000 + 1);
    expect(email.t[email.t.length - 1]! - email.t[0]!).toBe(600);
    expect(email.lag[email.lag.length - 1]).toBe(899);
    expect(
      new Set([
        email.t.length,
        email.throughput.length,
        email.errorRate.length,
        email.ackedRate.length,
        email.latencyP99.length,
      ]).size,
    ).toBe(1);
  });

  it("derives failed attempts per second from the exact counters", () => {
    const a = metricsAt(10_000, [consumerMetrics("email", { counts: { ...zeroCounts(), failed: 10 } })]);
    const b = metricsAt(12_000, [consumerMetrics("email", { counts: { ...zeroCounts(), failed: 30 } })]);
    const histories = appendSnapshot(appendSnapshot({}, a, null), b, a);
    expect(histories.email!.errorRate).toEqual([0, 10]);
    expect(histories.email!.ackedRate).toEqual([0, 0]);
    expect(histories.email!.latencyP99).toEqual([40, 40]);
    expect(histories.email!.throughput).toEqual([100, 100]);
  });

  it("derives acks per second apart from what the consumer emits", () => {
    const a = metricsAt(10_000, [consumerMetrics("payment", { counts: { ...zeroCounts(), acked: 100 } })]);
    const b = metricsAt(12_000, [consumerMetrics("payment", { counts: { ...zeroCounts(), acked: 140 } })]);
    expect(appendSnapshot(appendSnapshot({}, a, null), b, a).payment!.ackedRate).toEqual([0, 20]);
  });

  it("ignores repeated or out-of-order snapshots", () => {
    const a = metricsAt(10_000, [consumerMetrics("email")]);
    const h1 = appendSnapshot({}, a, null);
    const h2 = appendSnapshot(h1, metricsAt(9_000, [consumerMetrics("email")]), a);
    expect(h2.email).toBe(h1.email);
  });
});
