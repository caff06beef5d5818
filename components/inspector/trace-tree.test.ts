import { describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/envelope";
import { deliveryRow } from "@/components/realtime/test-fixtures";
import { buildTraceTree } from "./trace-tree";

describe("buildTraceTree", () => {
  it("arranges a conversation by causation, with every step of each event, in time order", () => {
    const order = createEvent({
      id: "o1",
      source: "checkout",
      type: "order.placed",
      timeMs: 1_000,
      data: {},
    });
    const payment = createEvent({
      id: "p1",
      source: "payments",
      type: "payment.requested",
      timeMs: 1_010,
      data: {},
      cause: order,
    });
    const reply = createEvent({
      id: "r1",
      source: "payments",
      type: "payment.captured",
      timeMs: 1_030,
      data: {},
      cause: payment,
    });
    const step = (
      seq: number,
      eventId: string,
      outcome: Parameters<typeof deliveryRow>[1],
      atMs: number,
      causationId?: string,
    ) =>
      deliveryRow(seq, outcome, {
        eventId,
        correlationId: "o1",
        atMs,
        ...(causationId ? { causationId } : {}),
      });
    const trace = {
      events: [reply, order, payment],
      records: [
        step(1, "o1", "published", 1_000),
        step(2, "o1", "delivered", 1_002),
        step(3, "o1", "failed", 1_004),
        step(4, "o1", "retry-scheduled", 1_004),
        step(5, "o1", "acked", 1_008),
        step(6, "p1", "published", 1_010, "o1"),
        step(7, "p1", "dead-lettered", 1_020, "o1"),
        step(8, "x9", "published", 1_025, "p1"),
        step(9, "r1", "published", 1_030, "p1"),
      ],
    };
    const { roots, startMs } = buildTraceTree(trace);
    expect(startMs).toBe(1_000);
    expect(roots.map((r) => r.eventId)).toEqual(["o1"]);
    expect(roots[0]!.steps.map((s) => s.outcome)).toEqual([
      "published",
      "delivered",
      "failed",
      "retry-scheduled",
      "acked",
    ]);
    const p1 = roots[0]!.children[0]!;
    expect(p1.eventId).toBe("p1");
    expect(p1.children.map((c) => c.eventId)).toEqual(["x9", "r1"]); // x9's envelope was trimmed; its steps still show
    expect(p1.children[1]!.envelope?.type).toBe("payment.captured");
  });

  it("returns nothing for an empty trace", () => {
    expect(buildTraceTree({ events: [], records: [] })).toEqual({ roots: [], startMs: 0 });
  });
});
