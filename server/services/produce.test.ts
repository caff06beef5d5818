import { describe, expect, it } from "vitest";
import type { ProduceInput } from "@/lib/api/produce";
import { consumer, countsOf, edge, graph, startVirtualRun, topic } from "../runtime/testing/flows";
import { produceEvent } from "./produce";

const shop = (options: { maxEventsPerSec?: number } = {}) =>
  startVirtualRun(
    graph(
      [topic("orders", { partitions: 4 }), consumer("billing")],
      [edge("subscribes", "orders", "billing")],
    ),
    options,
  );
const limits = { maxPayloadBytes: 2048 };
const input = (extra: Partial<ProduceInput> = {}): ProduceInput => ({
  topicId: "orders",
  data: { total: 12 },
  ...extra,
});

describe("produce by hand", () => {
  it("publishes one event with the form's attributes, delivered like any other", async () => {
    const { run, time } = shop();
    const produced = produceEvent(
      run,
      input({
        type: "order.placed",
        subject: "o-1",
        partitionKey: "customer-7",
        extensions: { region: "eu" },
      }),
      limits,
      Date.UTC(2026, 0, 2),
    );
    expect(produced).toEqual({
      ok: true,
      value: { id: expect.any(String), topic: "orders", partition: expect.any(Number), offset: 0 },
    });
    if (!produced.ok) return;
    const again = produceEvent(run, input({ partitionKey: "customer-7" }), limits);
    expect(again.ok && again.value.partition).toBe(produced.value.partition);
    expect(run.getEvent(produced.value.id)).toEqual({
      specversion: "1.0",
      id: produced.value.id,
      source: "/eventloom/produce/orders",
      type: "order.placed",
      subject: "o-1",
      time: "2026-01-02T00:00:00.000Z",
      datacontenttype: "application/json",
      data: { total: 12 },
      correlationid: produced.value.id,
      hopcount: 0,
      partitionkey: "customer-7",
      region: "eu",
    });
    await time.advanceTo(10);
    expect(countsOf(run, "billing")).toEqual({ delivered: 2, acked: 2 });
  });

  it("re-produces an event: a new id, causationid the original, its conversation and trace kept", () => {
    const { run } = shop();
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const first = produceEvent(
      run,
      input({ type: "order.placed", source: "/shop", extensions: { traceparent } }),
      limits,
    );
    if (!first.ok) throw new Error(first.body.error);
    const again = produceEvent(run, input({ data: { total: 13 }, reproduceOf: first.value.id }), limits);
    if (!again.ok) throw new Error(again.body.error);
    expect(again.value.id).not.toBe(first.value.id);
    expect(run.getEvent(again.value.id)).toMatchObject({
      type: "order.placed",
      source: "/shop",
      data: { total: 13 },
      causationid: first.value.id,
      correlationid: first.value.id,
      traceparent,
    });
  });

  it("refuses what it cannot publish, naming why", async () => {
    const { run } = shop({ maxEventsPerSec: 2 });
    const refused = (extra: Partial<ProduceInput>) => {
      const result = produceEvent(run, input(extra), limits);
      return result.ok ? { ok: true } : { status: result.status, ...result.body };
    };
    expect(refused({ topicId: "billing" })).toEqual({
      status: 404,
      error: "This flow has no topic 'billing'",
    });
    expect(refused({ reproduceOf: "gone" })).toEqual({
      status: 404,
      error: "The event to re-produce is no longer held (beyond retention and history)",
    });
    expect(refused({ extensions: { "Bad-Name": "x" } })).toEqual({
      status: 400,
      error:
        "The event is not valid: Bad-Name is not a CloudEvents attribute name (lowercase a-z and 0-9, at most 20)",
      issues: [
        {
          path: "Bad-Name",
          message: "is not a CloudEvents attribute name (lowercase a-z and 0-9, at most 20)",
        },
      ],
    });
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(refused({ data: deep })).toEqual({
      status: 400,
      error: "The data nests deeper than 64 levels",
      issues: [{ path: "data", message: "nests deeper than 64 levels" }],
    });
    expect(refused({ data: "x".repeat(3000) })).toEqual({
      status: 413,
      error: "The data is 3002 bytes; the flow takes at most 2048",
    });
    expect(refused({}).ok).toBe(true);
    expect(refused({}).ok).toBe(true);
    expect(refused({})).toEqual({
      status: 429,
      error: "The flow's cap on events per second is reached: produce again in a moment",
    });
    await run.stop({ graceMs: 0 });
    expect(refused({})).toEqual({
      status: 409,
      error: "The flow is not running: deploy it, then produce again",
    });
  });
});
