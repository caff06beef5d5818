import { describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events";
import { consumer, countsOf, edge, graph, startVirtualRun, topic } from "../testing/flows";

const flow = () =>
  graph(
    [topic("t", { partitions: 2 }), consumer("c", { action: "reply" }), topic("replies")],
    [edge("subscribes", "t", "c"), edge("replies", "c", "replies")],
  );
const incoming = (id: string) =>
  createEvent({ id, source: "/http", type: "order.placed", timeMs: 0, data: { id } });

describe("publishing events made outside the flow", () => {
  it("places each event (by key, else round-robin), records it and delivers it to subscribers", async () => {
    const { run, time } = startVirtualRun(flow());
    const traced = {
      ...incoming("x1"),
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    };
    const placed = run.publish("t", [
      { event: traced },
      { event: incoming("x2") },
      { event: incoming("x3"), key: "k" },
      { event: incoming("x4"), key: "k" },
    ]);
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    expect(placed.value.map((p) => p.partition).slice(0, 2)).toEqual([0, 1]);
    expect(placed.value[2].partition).toBe(placed.value[3].partition);
    expect(placed.value.map((p) => p.offset)).toEqual(
      placed.value.map((p, i) => placed.value.slice(0, i).filter((q) => q.partition === p.partition).length),
    );
    await time.advanceTo(10);
    expect(countsOf(run, "t")).toEqual({ published: 4 });
    expect(countsOf(run, "c")).toEqual({ delivered: 4, acked: 4, published: 4 });
    const published = run.history.query({ nodeId: "t", outcome: "published" });
    expect(published.slice(0, 4).map((r) => [r.eventId, r.nodeId, r.topic])).toEqual([
      ["x1", "t", "t"],
      ["x2", "t", "t"],
      ["x3", "t", "t"],
      ["x4", "t", "t"],
    ]);
    // The reply to the traced event carries its trace context.
    const reply = run.history.query({ correlationId: "x1" }).find((r) => r.causationId === "x1")!;
    expect(run.getEvent(reply.eventId)!.traceparent).toBe(traced.traceparent);
  });

  it("refuses an unknown topic, a stopped run and a batch over the run's cap (publishing none of it)", async () => {
    const { run } = startVirtualRun(flow(), { maxEventsPerSec: 3 });
    expect(run.publish("c", [{ event: incoming("a") }])).toMatchObject({
      ok: false,
      error: { code: "unknown-node" },
    });
    expect(run.publish("t", [{ event: incoming("a") }, { event: incoming("b") }]).ok).toBe(true);
    expect(run.publish("t", [{ event: incoming("c") }, { event: incoming("d") }])).toMatchObject({
      ok: false,
      error: { code: "rate-capped" },
    });
    expect(run.metrics().nodes.t.counts.published).toBe(2);
    expect(run.publish("t", [{ event: incoming("c") }]).ok).toBe(true);
    await run.stop({ graceMs: 0 });
    expect(run.publish("t", [{ event: incoming("e") }])).toMatchObject({
      ok: false,
      error: { code: "invalid-state" },
    });
  });
});
