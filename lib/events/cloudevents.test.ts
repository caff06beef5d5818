import { readdirSync, readFileSync } from "node:fs";
import { CloudEvent, HTTP, ValidationError } from "cloudevents";
import { describe, expect, it } from "vitest";
import { readGraph, type FlowGraph } from "@/lib/flow";
import { FLOW_TEMPLATES } from "@/lib/templates";
import richFlow from "@/lib/asyncapi/fixtures/rich-flow.json";
import { createEvent, type EventEnvelope } from "./envelope";
import { seededFaker } from "./faker";
import { compileTemplate } from "./template";

const REQUIRED = ["specversion", "id", "source", "type"] as const;
const CORE = new Set([
  "specversion",
  "id",
  "source",
  "type",
  "time",
  "datacontenttype",
  "dataschema",
  "subject",
  "data",
  "data_base64",
]);

/**
 * Checks an event against the official SDK the way a receiver would see it: serialized in the
 * CloudEvents JSON format, read back in structured mode, and validated in strict mode. The SDK
 * fills in a missing id and time by itself, so the required attributes are checked first.
 */
function expectValidCloudEvent(event: EventEnvelope): void {
  for (const attribute of REQUIRED)
    expect(
      typeof event[attribute] === "string" && event[attribute] !== "",
      `${attribute} of ${event.id}`,
    ).toBe(true);
  for (const name of Object.keys(event).filter((k) => !CORE.has(k))) {
    // Extension names: lowercase letters and digits, and SHOULD stay within 20 characters.
    expect(name).toMatch(/^[a-z0-9]{1,20}$/);
  }
  expect(Number.isInteger(event.hopcount) && event.hopcount <= 2 ** 31 - 1).toBe(true); // CloudEvents Integer
  const received = HTTP.toEvent({
    headers: { "content-type": "application/cloudevents+json; charset=utf-8" },
    body: JSON.stringify(event),
  }) as CloudEvent;
  expect(() => received.validate()).not.toThrow();
  // The SDK reads `"data": null` as no data; every other attribute must come back as sent.
  const { data, ...attributes } = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
  expect(JSON.parse(JSON.stringify(received))).toEqual(data === null ? attributes : { ...attributes, data });
  expect(() => new CloudEvent({ ...event }, true)).not.toThrow();
}

const flows: [string, FlowGraph][] = [
  ...readdirSync(new URL("../../examples/", import.meta.url))
    .filter((file) => file.endsWith(".json"))
    .map(
      (file) =>
        [
          `examples/${file}`,
          JSON.parse(readFileSync(new URL(`../../examples/${file}`, import.meta.url), "utf8")),
        ] as [string, FlowGraph],
    ),
  ...FLOW_TEMPLATES.map((t) => [`template ${t.id}`, t.graph] as [string, FlowGraph]),
  ["asyncapi rich-flow fixture", richFlow as FlowGraph],
];

describe.each(flows)("events of %s", (_name, input) => {
  const graph = readGraph(input).graph!;
  let n = 0;
  const nextId = () => `evt-${++n}`;

  it("is a valid flow", () => expect(graph).toBeDefined());

  it("are valid CloudEvents: each producer's events, with rendered payloads", () => {
    for (const producer of graph.nodes.filter((node) => node.kind === "producer")) {
      const template = compileTemplate(producer.config.payloadTemplate);
      if (!template.ok) throw new Error(template.message);
      for (let seq = 1; seq <= 5; seq++) {
        const data = template.render({ faker: seededFaker(seq), nowMs: Date.UTC(2026, 0, 1) + seq, seq });
        expectValidCloudEvent(
          createEvent({
            id: nextId(),
            source: producer.config.source,
            type: producer.config.eventType,
            timeMs: Date.UTC(2026, 0, 1) + seq,
            data,
          }),
        );
      }
      // A manual fire with no payload (as the runtime sends it) is valid too.
      expectValidCloudEvent(
        createEvent({
          id: nextId(),
          source: producer.config.source,
          type: producer.config.eventType,
          timeMs: 0,
          data: null,
        }),
      );
    }
  });

  it("are valid CloudEvents: replies, transforms and dead letters of each consumer group, with correlation extensions", () => {
    const request = createEvent({
      id: nextId(),
      source: "/shop/checkout",
      type: "order.placed",
      timeMs: 1_000,
      data: { orderId: "ord_1" },
      subject: "ord_1",
    });
    for (const consumer of graph.nodes.filter((node) => node.kind === "consumer")) {
      // The consumer's source as the runtime writes it (server/runtime/consumer/group.ts).
      const source = `/eventloom/consumers/${consumer.config.group}`;
      const reply = createEvent({
        id: nextId(),
        source,
        type: `${request.type}.reply`,
        timeMs: 1_005,
        data: { requestId: request.id, status: "ok", group: consumer.config.group },
        cause: request,
      });
      const transformed = createEvent({
        id: nextId(),
        source,
        type: `${reply.type}.transformed`,
        timeMs: 1_006,
        data: [1, "two", { three: true }],
        cause: reply,
      });
      const letter = createEvent({
        id: nextId(),
        source,
        type: `${transformed.type}.dead-lettered`,
        timeMs: 1_007,
        data: {
          original: transformed,
          reason: "boom",
          attempts: 3,
          group: consumer.config.group,
          topic: "t",
          partition: 0,
          offset: 7,
        },
        cause: transformed,
      });
      for (const event of [request, reply, transformed, letter]) expectValidCloudEvent(event);
      expect([letter.correlationid, letter.causationid, letter.hopcount]).toEqual([
        request.id,
        transformed.id,
        3,
      ]);
    }
  });
});

describe("the CloudEvents check itself", () => {
  it("rejects what the specification forbids, so the checks above mean something", () => {
    const good = createEvent({ id: "e1", source: "/a", type: "t", timeMs: 0, data: 1 });
    expect(() => new CloudEvent({ ...good, source: "not a uri reference" }, true)).toThrow(ValidationError);
    expect(() => new CloudEvent({ ...good, time: "yesterday" }, true)).toThrow(ValidationError);
    expect(() => new CloudEvent({ ...good, correlationId: "x" } as never, true)).toThrow(ValidationError);
    expect(() => expectValidCloudEvent({ ...good, id: "" })).toThrow();
  });
});
