import { describe, expect, it } from "vitest";
import { OUTCOME_NAMES, type DeliveryRow, type OutcomeName } from "@/lib/realtime/protocol";
import { countAll, DeliveryWindow } from "./delivery-window";

const row = (seq: number, outcome: OutcomeName, edgeId = "e1"): DeliveryRow => ({
  seq,
  outcome,
  eventId: `ev${seq}`,
  correlationId: `ev${seq}`,
  eventType: "t",
  nodeId: "n",
  edgeId,
  atMs: seq,
});

describe("DeliveryWindow", () => {
  it("sends everything when under capacity, oldest first, with nothing left out", () => {
    const w = new DeliveryWindow(10);
    [row(2, "acked"), row(1, "delivered"), row(3, "failed")].forEach((r) => w.add(r));
    const batch = w.drain("f");
    expect(batch.rows.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(countAll(batch.notSent)).toBe(0);
    expect(batch.total).toMatchObject({ delivered: 1, acked: 1, failed: 1, published: 0 });
    expect(batch.edges).toEqual({ e1: { count: 1, failed: 1 } });
    expect(w.empty).toBe(true);
  });

  it("samples over capacity, and sample + not sent add up exactly per outcome", () => {
    let state = 42;
    const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const w = new DeliveryWindow(100, random);
    for (let i = 0; i < 10_000; i++) w.add(row(i, OUTCOME_NAMES[i % OUTCOME_NAMES.length], `e${i % 3}`));
    const batch = w.drain("f");
    expect(batch.rows).toHaveLength(100);
    for (const outcome of OUTCOME_NAMES) {
      const sent = batch.rows.filter((r) => r.outcome === outcome).length;
      expect(sent + batch.notSent[outcome]).toBe(batch.total[outcome]);
      expect(batch.total[outcome]).toBe(1250);
    }
    expect(countAll(batch.total)).toBe(10_000);
    const seqs = batch.rows.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    // The sample spreads over the window instead of keeping only the first rows.
    expect(Math.max(...seqs)).toBeGreaterThan(9_000);
    expect(Math.min(...seqs)).toBeLessThan(1_000);
  });
});
