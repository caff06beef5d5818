import { describe, expect, it } from "vitest";
import { consumer, countsOf, edge, graph, startVirtualRun, topic } from "../runtime/testing/flows";
import type { IngestKeyService } from "./ingest-keys";
import { ingestService } from "./ingest";
import { produceEvent } from "./produce";

// Topic schemas at the door: ingest (one event and batches) and produce by hand, refusing with
// 422 or dead-lettering as the topic chooses.
const schema = JSON.stringify({
  type: "object",
  required: ["total"],
  properties: { total: { type: "number", minimum: 0 } },
});
const shop = (onSchemaViolation: "reject" | "dead-letter") =>
  startVirtualRun(
    graph(
      [
        topic("orders", {
          partitions: 1,
          schema,
          onSchemaViolation,
          ...(onSchemaViolation === "dead-letter" ? { schemaDeadLetter: "rejected" } : {}),
        }),
        topic("rejected", { partitions: 1 }),
        consumer("billing"),
      ],
      [edge("subscribes", "orders", "billing")],
    ),
  );
const KEY = "elk_" + "k".repeat(43);
// The key check is tested with the key service; here any key names the flow.
const keys = { verify: async () => ({ flowId: "f", keyId: "k" }) } as unknown as IngestKeyService;
const send = (
  run: ReturnType<typeof shop>["run"],
  body: unknown,
  type = "application/cloudevents-batch+json",
) =>
  ingestService(keys, { run: () => run }, { maxPayloadBytes: 4096, maxBatch: 10 }).ingest({
    topic: "orders",
    authorization: `Bearer ${KEY}`,
    headers: { "content-type": type },
    body: JSON.stringify(body),
  });
const event = (id: string, data: unknown) => ({
  specversion: "1.0",
  id,
  source: "/t",
  type: "order.placed",
  data,
});

describe("topic schemas at ingest and produce", () => {
  it("refuse with 422 naming each violation by item and path; nothing of the batch is published", async () => {
    const { run } = shop("reject");
    const answer = await send(run, [event("a", { total: 1 }), event("b", { total: -2 }), event("c", {})]);
    expect(answer).toMatchObject({
      status: 422,
      body: {
        error: "2 of 3 events break the schema of topic 'orders'; none was published",
        issues: [
          { path: "[1].data/total", message: "must be >= 0" },
          { path: "[2].data", message: "must have required property 'total'" },
        ],
        items: [1, 2],
      },
    });
    expect(countsOf(run, "orders")).toEqual({});
    const single = await send(run, event("d", { total: "12" }), "application/cloudevents+json");
    expect(single).toMatchObject({
      status: 422,
      body: {
        error: "The event's data breaks the schema of topic 'orders': /total must be number",
        issues: [{ path: "data/total", message: "must be number" }],
      },
    });
    expect(produceEvent(run, { topicId: "orders", data: { total: -1 } }, { maxPayloadBytes: 4096 })).toEqual({
      ok: false,
      status: 422,
      body: {
        error: "The event's data breaks the schema of topic 'orders': /total must be >= 0",
        issues: [{ path: "data/total", message: "must be >= 0" }],
      },
    });
  });

  it("dead-letter the events breaking the schema and publish the rest, answering where each went", async () => {
    const { run, time } = shop("dead-letter");
    const answer = await send(run, [
      event("a", { total: 1 }),
      event("b", { total: -2 }),
      event("c", { total: 3 }),
    ]);
    expect(answer).toMatchObject({
      status: 202,
      body: {
        topic: "orders",
        accepted: [
          { id: "a", partition: 0, offset: 0 },
          { id: "b", partition: 0, offset: 0, deadLetteredTo: "rejected" },
          { id: "c", partition: 0, offset: 1 },
        ],
      },
    });
    await time.advanceTo(10);
    expect(countsOf(run, "billing")).toEqual({ delivered: 2, acked: 2 });
    expect(countsOf(run, "rejected")).toEqual({ published: 1 });
    const letter = run.history.recent(20).find((r) => r.topic === "rejected")!;
    expect(run.getEvent(letter.eventId)).toMatchObject({
      type: "order.placed.schema-rejected",
      source: "/eventloom/schema/orders",
      causationid: "b",
      data: {
        reason: "schema",
        topic: "orders",
        original: { id: "b", data: { total: -2 } },
        violations: [{ path: "/total", message: "must be >= 0" }],
      },
    });
    const byHand = produceEvent(run, { topicId: "orders", data: {} }, { maxPayloadBytes: 4096 });
    expect(byHand).toMatchObject({ ok: true, value: { topic: "rejected", offset: 1, deadLettered: true } });
  });
});
