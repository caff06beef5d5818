import { describe, expect, it } from "vitest";
import { zeroCounts, type NodeMetricsView } from "@/lib/realtime/protocol";
import { mergeNodeView, SHARE_HOLDS_MS, sharedMetrics } from "./shared-metrics";

const view = (acked: number, extra: Partial<NodeMetricsView> = {}): NodeMetricsView => ({
  nodeId: "billing",
  kind: "consumer",
  counts: { ...zeroCounts(), acked, delivered: acked },
  rateIn: { s1: acked, s10: acked / 10, s60: acked / 20 },
  rateOut: { s1: 1, s10: 1, s60: 1 },
  inFlight: 2,
  ...extra,
});

describe("metrics of a run whose consumer groups spread over servers", () => {
  it("adds counts, rates, in flight and lag per partition; keeps the slower latency and the owner's switches", () => {
    const owner = view(60, {
      lag: 3,
      lagByPartition: [
        { topic: "orders", partition: 0, lag: 3 },
        { topic: "orders", partition: 1, lag: 0 },
      ],
      latencyMs: { p50: 2, p95: 9, p99: 20 },
      online: false,
    });
    const member = view(40, {
      lag: 5,
      lagByPartition: [{ topic: "orders", partition: 1, lag: 5 }],
      latencyMs: { p50: 3, p95: 8, p99: 31 },
      online: true,
    });
    expect(mergeNodeView(owner, member)).toEqual({
      nodeId: "billing",
      kind: "consumer",
      counts: { ...zeroCounts(), acked: 100, delivered: 100 },
      rateIn: { s1: 100, s10: 10, s60: 5 },
      rateOut: { s1: 2, s10: 2, s60: 2 },
      inFlight: 4,
      lag: 8,
      lagByPartition: [
        { topic: "orders", partition: 0, lag: 3 },
        { topic: "orders", partition: 1, lag: 5 },
      ],
      latencyMs: { p50: 3, p95: 9, p99: 31 },
      online: false,
    });
  });

  it("merges each other server's latest word into the owner's snapshot until it stops coming", () => {
    let now = 0;
    const shares = sharedMetrics(() => now);
    const snapshot = { flowId: "f1", atMs: 5, nodes: { billing: view(10) } };
    shares.heard({ server: "s2", flowId: "f1", nodes: { billing: view(4) } });
    shares.heard({ server: "s3", flowId: "f1", nodes: { billing: view(1), gone: view(7) } });
    shares.heard({ server: "s3", flowId: "f1", nodes: { billing: view(6) } }); // the latest word counts
    expect(shares.merge("f1", snapshot).nodes.billing.counts.acked).toBe(20);
    // Nodes the owner's run does not have are not added; another flow is untouched.
    expect(Object.keys(shares.merge("f1", snapshot).nodes)).toEqual(["billing"]);
    expect(shares.merge("f2", snapshot)).toBe(snapshot);
    now = SHARE_HOLDS_MS;
    expect(shares.merge("f1", snapshot).nodes.billing.counts.acked).toBe(10);
  });

  it("ignores words that are not shaped as one", () => {
    const shares = sharedMetrics(() => 0);
    const snapshot = { flowId: "f1", atMs: 5, nodes: { billing: view(10) } };
    for (const word of [null, {}, { server: 1, flowId: "f1", nodes: {} }, { server: "s2", flowId: "f1" }])
      shares.heard(word as never);
    expect(shares.merge("f1", snapshot)).toBe(snapshot);
  });
});
