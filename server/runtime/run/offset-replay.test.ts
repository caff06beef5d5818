import { describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events";
import { consumer, countsOf, edge, graph, startVirtualRun, topic } from "../testing/flows";

const incoming = (n: number) =>
  createEvent({ id: `e${n}`, source: "/test", type: "order.placed", timeMs: 0, data: { n } });

describe("replay to a given offset (embedded)", () => {
  it("starts at the oldest event held when the offset was trimmed by retention, losing nothing", async () => {
    const { run, time } = startVirtualRun(
      graph(
        [topic("t", { retention: { maxEventsPerPartition: 4, maxAgeMs: 0 } }), consumer("c")],
        [edge("subscribes", "t", "c")],
      ),
    );
    expect(
      run.publish(
        "t",
        Array.from({ length: 10 }, (_, n) => ({ event: incoming(n) })),
      ).ok,
    ).toBe(true);
    await time.advanceTo(100);
    expect(countsOf(run, "c")).toEqual({ delivered: 10, acked: 10 });
    // Offset 1 is gone (the log holds 6..9): the group starts at 6, nothing counts as lost.
    expect(await run.resetGroupToOffsets("c", [{ topic: "t", partition: 0, offset: "1" }])).toEqual({
      ok: true,
      value: undefined,
    });
    await time.advanceTo(200);
    expect(countsOf(run, "c")).toEqual({ delivered: 14, acked: 14 });
    expect(run.metrics().nodes.c.lostToRetention ?? 0).toBe(0);
    const again = run.history.query({ nodeId: "c", outcome: "acked", limit: 100 }).slice(10);
    expect(again.map((r) => [r.eventId, r.offset])).toEqual([
      ["e6", 6],
      ["e7", 7],
      ["e8", 8],
      ["e9", 9],
    ]);
  });

  it("refuses a consumer that is not one, before asking any broker", async () => {
    const { run } = startVirtualRun(graph([topic("t"), consumer("c")], [edge("subscribes", "t", "c")]));
    expect(await run.resetGroupToOffsets("t", [{ topic: "t", partition: 0, offset: "0" }])).toMatchObject({
      ok: false,
      error: { code: "wrong-kind", message: "node 't' is not a consumer" },
    });
    expect(await run.resetGroupToOffsets("c", [])).toMatchObject({
      ok: false,
      error: { code: "bad-argument", message: "give 1 to 256 partition offsets" },
    });
  });
});
