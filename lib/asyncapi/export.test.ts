import { beforeAll, describe, expect, it } from "vitest";
import { consumerKind, producerKind, readGraph, topicKind, type FlowGraph } from "@/lib/flow";
import example from "@/examples/ecommerce-orders.json";
import richFlow from "./fixtures/rich-flow.json";
import { exportAsyncApi, type AsyncApiExport } from "./export";
import { officialProblems } from "./official-parser.test-util";
import { asyncApiText } from "./serialize";

const graphOf = (input: unknown): FlowGraph => {
  const read = readGraph(input);
  if (!read.graph) throw new Error(JSON.stringify(read.issues));
  return read.graph;
};

describe("exportAsyncApi on the e-commerce example", () => {
  let out: AsyncApiExport;
  beforeAll(() => {
    out = exportAsyncApi(graphOf(example), {
      title: "Shop",
      version: "2.0.0",
      description: "Orders fan out",
    });
  });

  it("validates without errors or warnings in the official parser, as JSON and as YAML", async () => {
    expect(await officialProblems(out.document)).toEqual([]);
    expect(await officialProblems(asyncApiText(out.document, "yaml"))).toEqual([]);
  });

  it("makes each topic a channel addressed by its name, with partitions and retention kept", () => {
    const { document } = out;
    expect(document.info).toEqual({ title: "Shop", version: "2.0.0", description: "Orders fan out" });
    expect(
      Object.fromEntries(
        Object.entries(document.channels).map(([k, c]) => [k, [c.address, Object.keys(c.messages)]]),
      ),
    ).toEqual({
      orders: ["orders", ["order.placed"]],
      payments: ["payments", ["payment.reply"]],
      "email.dlq": ["email.dlq", ["email.dead-lettered"]],
    });
    expect(document.channels["email.dlq"]).toMatchObject({
      title: "Failed emails",
      "x-eventloom-topic": {
        id: "email-dlq",
        partitions: 1,
        retention: { maxEventsPerPartition: 100000, maxAgeMs: 0 },
        position: { x: 900, y: 320 },
        label: "Failed emails",
      },
    });
  });

  it("makes producers send, consumers receive, the payment reply a reply object, dead letters a send", () => {
    const ops = out.document.operations;
    expect(
      Object.fromEntries(Object.entries(ops).map(([k, o]) => [k, `${o.action} ${o.channel.$ref}`])),
    ).toEqual({
      "order.placed.send.orders": "send #/channels/orders",
      "payment.receive.orders": "receive #/channels/orders",
      "inventory.receive.orders": "receive #/channels/orders",
      "email.receive.orders": "receive #/channels/orders",
      "recommendations.receive.orders": "receive #/channels/orders",
      "email.dead-letter.email.dlq": "send #/channels/email.dlq",
      "checkout.receive.payments": "receive #/channels/payments",
    });
    expect(ops["order.placed.send.orders"].messages).toEqual([
      { $ref: "#/channels/orders/messages/order.placed" },
    ]);
    expect(ops["payment.receive.orders"].reply).toEqual({
      channel: { $ref: "#/channels/payments" },
      messages: [{ $ref: "#/channels/payments/messages/payment.reply" }],
      "x-eventloom-edge": { id: "e-payment-replies", kind: "replies" },
    });
    expect(ops["email.dead-letter.email.dlq"]["x-eventloom-edge"]).toEqual({
      id: "e-email-dlq",
      kind: "dead-letters",
    });
  });

  it("gives messages CloudEvents headers through a shared trait, fixed type and source, and a sample", () => {
    const { messages, messageTraits } = out.document.components;
    expect(Object.keys(messageTraits)).toEqual(["cloudEvents"]);
    expect(messageTraits.cloudEvents.headers).toMatchObject({
      required: [
        "specversion",
        "id",
        "source",
        "type",
        "time",
        "datacontenttype",
        "correlationid",
        "hopcount",
      ],
    });
    expect(messages["order.placed"]).toMatchObject({
      name: "order.placed",
      title: "Order service",
      contentType: "application/json",
      traits: [{ $ref: "#/components/messageTraits/cloudEvents" }],
      headers: {
        type: "object",
        properties: {
          type: { type: "string", const: "order.placed" },
          source: { type: "string", const: "/shop/checkout" },
        },
      },
      examples: [
        { name: "sample", payload: { currency: expect.any(String), placedAt: "2026-01-01T12:00:00.000Z" } },
      ],
    });
    expect(messages["payment.reply"].payload).toEqual({
      type: "object",
      required: ["requestId", "status", "group"],
      properties: {
        requestId: { type: "string" },
        status: { type: "string", const: "ok" },
        group: { type: "string", const: "payment" },
      },
    });
    expect(messages["payment.reply"].headers).toEqual({
      type: "object",
      properties: {
        type: { type: "string", pattern: "\\.reply$" },
        source: { type: "string", const: "/eventloom/consumers/payment" },
      },
    });
    expect(out.problems).toEqual([]);
  });
});

describe("exportAsyncApi on a flow using every edge kind", () => {
  it("keeps filters, transforms, extra replies and unconnected nodes, and still validates", async () => {
    const { document } = exportAsyncApi(graphOf(richFlow));
    expect(await officialProblems(document)).toEqual([]);
    const ops = document.operations;
    expect(Object.keys(ops)).toEqual([
      "reading.taken.send.greenhouse.readings",
      "reading.taken.send.archive",
      "alerter.receive.greenhouse.readings",
      "responder.receive.greenhouse.readings",
      "responder.receive.archive",
      "sink.receive.alerts",
      "sink.receive.answers",
      "alerter.emit.alerts",
      "alerter.dead-letter.alerter.dlq",
      "responder.reply.alerts",
    ]);
    expect(ops["alerter.receive.greenhouse.readings"]["x-eventloom-filter"]).toEqual({
      data: { temperature: [{ numeric: [">", 30] }] },
      type: ["reading.taken"],
    });
    expect(ops["responder.receive.archive"]["x-eventloom-filter"]).toEqual({});
    expect("x-eventloom-filter" in ops["responder.receive.greenhouse.readings"]).toBe(false);
    expect(ops["responder.receive.greenhouse.readings"].reply).toEqual(
      ops["responder.receive.archive"].reply,
    );
    expect(ops["responder.receive.archive"].reply?.channel).toEqual({ $ref: "#/channels/answers" });
    expect(document.channels.alerts.messages).toEqual({
      "alerter.transformed": { $ref: "#/components/messages/alerter.transformed" },
      "responder.reply": { $ref: "#/components/messages/responder.reply" },
    });
    expect(Object.keys(document["x-eventloom-nodes"] as object)).toEqual([
      "sensors",
      "clicker",
      "alerter",
      "responder",
      "sink",
      "idle",
    ]);
  });

  it("reports a template that gives no schema and leaves its payload open", () => {
    const graph = graphOf(richFlow);
    const broken = {
      ...graph,
      nodes: graph.nodes.map((n) =>
        n.id === "sensors" && n.kind === "producer"
          ? { ...n, config: { ...n.config, payloadTemplate: '{"a": {{nope}}}' } }
          : n,
      ),
    };
    const out = exportAsyncApi(broken);
    expect(out.problems).toEqual([
      { nodeId: "sensors", message: expect.stringMatching(/^unknown placeholder \{\{nope\}\}/) },
    ]);
    expect(out.document.components.messages["reading.taken"].payload).toEqual({});
  });
});

describe("exportAsyncApi keys", () => {
  it("names channels, messages and operations after the nodes, never their internal ids", () => {
    const at = { x: 0, y: 0 };
    const graph = graphOf({
      schemaVersion: 1,
      nodes: [
        { id: "producer-y8gfvf", kind: "producer", position: at, config: producerKind.defaults() },
        { id: "topic-k2m3aa", kind: "topic", position: at, config: topicKind.defaults() },
        { id: "consumer-t6yz44", kind: "consumer", position: at, config: consumerKind.defaults() },
        { id: "consumer-q9w8e7", kind: "consumer", position: at, config: consumerKind.defaults() },
      ],
      edges: [
        { id: "e-1", kind: "publishes", source: "producer-y8gfvf", target: "topic-k2m3aa" },
        { id: "e-2", kind: "subscribes", source: "topic-k2m3aa", target: "consumer-t6yz44" },
        { id: "e-3", kind: "subscribes", source: "topic-k2m3aa", target: "consumer-q9w8e7" },
      ],
    });
    const { document } = exportAsyncApi(graph);
    expect(Object.keys(document.channels)).toEqual(["orders"]);
    expect(Object.keys(document.channels.orders.messages)).toEqual(["order.placed"]);
    // Two consumers of one group get keys of their own.
    expect(Object.keys(document.operations)).toEqual([
      "order.placed.send.orders",
      "payments.receive.orders",
      "payments-2.receive.orders",
    ]);
    expect(JSON.stringify({ c: document.channels, o: document.operations })).not.toMatch(
      /"#\/[^"]*(y8gfvf|k2m3aa)/,
    );
  });
});
