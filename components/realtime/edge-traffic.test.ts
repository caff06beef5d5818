import { describe, expect, it } from "vitest";
import { addEdgeCounts, decayEdges, edgeTrafficView, type EdgeTrafficState } from "./edge-traffic";

describe("edge traffic", () => {
  it("converges to the steady delivery rate whatever the batch interval", () => {
    for (const intervalMs of [50, 100, 250]) {
      let edges: Record<string, EdgeTrafficState> = {};
      const perBatch = (500 * intervalMs) / 1000; // 500 deliveries/s
      for (let t = intervalMs; t <= 10_000; t += intervalMs)
        edges = addEdgeCounts(edges, { e1: { count: perBatch, failed: 0 } }, t);
      const view = edgeTrafficView(edges.e1)!;
      expect(view.ratePerSec).toBeGreaterThan(500 * 0.85);
      expect(view.ratePerSec).toBeLessThan(500 * 1.35);
      expect(view.failing).toBe(false);
    }
  });

  it("decays to nothing when traffic stops, and forgets the edge", () => {
    let edges = addEdgeCounts({}, { e1: { count: 100, failed: 0 } }, 1_000);
    edges = decayEdges(edges, 2_000);
    expect(edgeTrafficView(edges.e1)!.ratePerSec).toBe(37);
    edges = decayEdges(edges, 20_000);
    expect(edges.e1).toBeUndefined();
    expect(edgeTrafficView(undefined)).toBeUndefined();
  });

  it("turns an edge failing on a failed delivery and back after a few seconds", () => {
    let edges = addEdgeCounts({}, { e1: { count: 4, failed: 1 } }, 0);
    expect(edgeTrafficView(edges.e1)!.failing).toBe(true);
    edges = addEdgeCounts(edges, { e1: { count: 2, failed: 0 } }, 3_000);
    expect(edgeTrafficView(edges.e1)!.failing).toBe(true);
    edges = addEdgeCounts(edges, { e1: { count: 2, failed: 0 } }, 5_000);
    expect(edgeTrafficView(edges.e1)!.failing).toBe(false);
  });

  it("stays calm at a designed 2 % failure rate and turns red at 10 %", () => {
    const steady = (failedPer10s: number) => {
      let edges: Record<string, EdgeTrafficState> = {};
      // 20 deliveries/s in 100 ms batches; failures spread evenly.
      for (let t = 100; t <= 20_000; t += 100)
        edges = addEdgeCounts(
          edges,
          { e1: { count: 2, failed: t % (10_000 / failedPer10s) === 0 ? 1 : 0 } },
          t,
        );
      return edgeTrafficView(edges.e1)!.failing;
    };
    expect(steady(4)).toBe(false);
    expect(steady(20)).toBe(true);
  });

  it("leaves edges absent from a batch decaying, not reset", () => {
    let edges = addEdgeCounts({}, { a: { count: 50, failed: 0 }, b: { count: 50, failed: 0 } }, 0);
    edges = addEdgeCounts(edges, { a: { count: 50, failed: 0 } }, 100);
    expect(edges.a!.rate).toBeGreaterThan(edges.b!.rate);
    expect(edges.b!.rate).toBeGreaterThan(40);
  });
});
