import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileTemplate, seededFaker } from "@/lib/events";
import { validateGraph, type FlowGraph } from "@/lib/flow";
import { LAYOUT_CARD } from "./layout";
import { importAsyncApi } from "./import";
import { officialProblems } from "./official-parser.test-util";

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
const summary = (graph: FlowGraph) => ({
  nodes: graph.nodes.map(
    (n) =>
      `${n.kind} ${n.id}: ${n.kind === "topic" ? n.config.name : n.kind === "producer" ? n.config.eventType : `${n.config.group} ${n.config.action}`}`,
  ),
  edges: graph.edges.map((e) => `${e.source} ${e.kind} ${e.target}`),
});
const templateOf = (graph: FlowGraph, id: string) => {
  const node = graph.nodes.find((n) => n.id === id);
  if (node?.kind !== "producer") throw new Error(`${id} is not a producer`);
  const compiled = compileTemplate(node.config.payloadTemplate);
  if (!compiled.ok) throw new Error(compiled.message);
  return {
    text: node.config.payloadTemplate,
    sample: compiled.render({ faker: seededFaker(3), nowMs: 0, seq: 1 }) as Record<string, unknown>,
  };
};

describe("the fixtures", () => {
  it.each(["streetlights.yaml", "ecommerce.yaml"])(
    "%s is valid AsyncAPI 3.0 for the official parser",
    async (name) => {
      expect(await officialProblems(fixture(name))).toEqual([]);
    },
  );
});

describe("importAsyncApi: streetlights (parameters in addresses)", () => {
  const result = importAsyncApi(fixture("streetlights.yaml"));

  it("makes a valid flow with topic names derived from the addresses", () => {
    // The document only receives light measurements: no producer feeds that topic.
    const idle = {
      path: "nodes[0]",
      message:
        "topic 'smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured' gets no events, nothing publishes to it: connect a producer to it",
      severity: "warning",
      nodeId: "lightMeasured",
    };
    expect(result.issues).toEqual([idle]);
    expect(validateGraph(result.graph).issues).toEqual([idle]);
    expect(result.name).toBe("City Lights Control");
    expect(summary(result.graph!)).toEqual({
      nodes: [
        "topic lightMeasured: smartylighting.streetlights.1.0.event.streetlightid.lighting.measured",
        "topic lightDim: smartylighting.streetlights.1.0.action.streetlightid.dim",
        "consumer receiveLightMeasurement: receiveLightMeasurement process",
        "producer dimLight: dimLight",
      ],
      edges: ["lightMeasured subscribes receiveLightMeasurement", "dimLight publishes lightDim"],
    });
    expect(result.graph!.nodes[0].label).toBe(
      "smartylighting.streetlights.1.0.event.{streetlightId}.lighting.measured",
    );
  });

  it("writes a payload template from the referenced schemas", () => {
    const { text, sample } = templateOf(result.graph!, "dimLight");
    expect(JSON.parse(text)).toEqual({ percentage: "{{int:0:100}}", sentAt: "{{timestamp}}" });
    expect(sample).toEqual({ percentage: expect.any(Number), sentAt: "1970-01-01T00:00:00.000Z" });
  });

  it("lists what a flow cannot hold", () => {
    expect(result.unmapped).toEqual([
      { path: "servers", message: "servers are not modelled: Eventloom runs topics on its own broker" },
      {
        path: "channels.lightMeasured.parameters",
        message: "channel parameters are not modelled: one topic carries every parameter value",
      },
      {
        path: "channels.lightDim.parameters",
        message: "channel parameters are not modelled: one topic carries every parameter value",
      },
      {
        path: "channels.lightDim.bindings",
        message: "protocol bindings are not modelled: Eventloom runs topics on its own broker",
      },
      { path: "operations.receiveLightMeasurement.traits", message: "operation traits are not modelled" },
      {
        path: "components.messages.dimLight.headers",
        message: "headers 'my-app-header' are not CloudEvents attributes: Eventloom events do not carry them",
      },
      {
        path: "channels.lightMeasured.messages.lightMeasured",
        message:
          "no operation of this document sends this message: no producer was made for it (add one to simulate its sender)",
      },
    ]);
  });

  it("lays the flow out left to right: producers, then topics, then consumers", () => {
    const x = Object.fromEntries(result.graph!.nodes.map((n) => [n.id, n.position.x]));
    expect(x.dimLight).toBeLessThan(x.lightDim);
    expect(x.lightMeasured).toBeLessThan(x.receiveLightMeasurement);
  });

  it.each(["streetlights.yaml", "ecommerce.yaml"])("lays out %s with no two cards overlapping", (name) => {
    const { nodes } = importAsyncApi(fixture(name)).graph!;
    const { width, height } = LAYOUT_CARD;
    for (const a of nodes)
      for (const b of nodes)
        if (a !== b)
          expect(
            a.position.x < b.position.x + width &&
              b.position.x < a.position.x + width &&
              a.position.y < b.position.y + height &&
              b.position.y < a.position.y + height,
            `${a.id} overlaps ${b.id}`,
          ).toBe(false);
  });
});

describe("importAsyncApi: e-commerce (request/reply, message traits)", () => {
  const result = importAsyncApi(fixture("ecommerce.yaml"));

  it("maps the replier to a reply consumer and the requester to a producer plus a reply consumer", () => {
    expect(result.issues).toEqual([]);
    expect(summary(result.graph!)).toEqual({
      nodes: [
        "topic orderPlaced: shop.orders.placed",
        "topic paymentRequests: payment-requests",
        "topic paymentReplies: payment-replies",
        "topic auditLog: audit.log",
        "producer publishOrder: com.acme.order.placed",
        "producer requestPayment: payment.requested",
        "consumer requestPayment-reply: requestPayment.reply process",
        "consumer handlePayment: handlePayment reply",
        "consumer fulfilOrder: fulfilOrder process",
        "producer writeAudit: audit.record",
      ],
      edges: [
        "publishOrder publishes orderPlaced",
        "requestPayment publishes paymentRequests",
        "paymentReplies subscribes requestPayment-reply",
        "paymentRequests subscribes handlePayment",
        "handlePayment replies paymentReplies",
        "orderPlaced subscribes fulfilOrder",
        "writeAudit publishes auditLog",
      ],
    });
  });

  it("reads CloudEvents type and source from the message headers over the trait", () => {
    const producer = result.graph!.nodes.find((n) => n.id === "publishOrder");
    expect(producer?.kind === "producer" && [producer.config.eventType, producer.config.source]).toEqual([
      "com.acme.order.placed",
      "/acme/orders",
    ]);
    const { text, sample } = templateOf(result.graph!, "publishOrder");
    expect(JSON.parse(text)).toEqual({
      orderId: "{{orderId}}",
      customerId: "{{customerId}}",
      lines: [{ sku: "{{sku}}", quantity: "{{int:1:10}}" }],
      total: "{{float:0:100}}",
      currency: "{{pick:EUR|USD}}",
      express: "{{bool}}",
      placedAt: "{{timestamp}}",
    });
    expect(sample).toMatchObject({
      orderId: expect.stringMatching(/^ord_/),
      express: expect.any(Boolean),
      lines: [{ quantity: expect.any(Number) }],
    });
  });

  it("lists the correlation id, security and the Avro payload as unmapped", () => {
    expect(result.unmapped).toEqual([
      {
        path: "components.messages.paymentRequested.correlationId",
        message:
          "the correlation id location is not modelled: Eventloom correlates with the CloudEvents extension 'correlationid'",
      },
      { path: "operations.fulfilOrder.security", message: "security requirements are not modelled" },
      {
        path: "components.messages.auditRecord.payload",
        message:
          "payload schema format 'application/vnd.apache.avro;version=1.9.0' is not JSON Schema: the producer sends an empty object",
      },
    ]);
    expect(templateOf(result.graph!, "writeAudit").text).toBe("{}");
  });
});

describe("importAsyncApi: documents it cannot read", () => {
  it.each([
    ["asyncapi: 2.6.0\ninfo: { title: x, version: '1' }\nchannels: {}", /^AsyncAPI 2\.6\.0 is not supported/],
    ["openapi: 3.1.0", /^no 'asyncapi' version field/],
    ["a: [unclosed", /^not JSON or YAML/],
    ["- just\n- a list", /^an AsyncAPI document must be an object/],
  ])("refuses %j", (text, message) => {
    const result = importAsyncApi(text);
    expect(result.graph).toBeUndefined();
    expect(result.unmapped).toEqual([{ path: "(document)", message: expect.stringMatching(message) }]);
  });

  it("reports broken references instead of guessing", () => {
    const result = importAsyncApi({
      asyncapi: "3.0.0",
      info: { title: "t", version: "1" },
      channels: {
        a: { address: "a", messages: { m: { $ref: "#/components/messages/missing" } } },
        b: { $ref: "https://example.com/b.yaml" },
      },
      operations: {
        s: { action: "send", channel: { $ref: "#/channels/a" } },
        r: { action: "receive", channel: { $ref: "#/channels/b" } },
        x: { action: "publish", channel: { $ref: "#/channels/a" } },
      },
    });
    expect(result.unmapped).toEqual([
      {
        path: "channels.b",
        message: "the channel is not an object or its $ref does not resolve inside the document",
      },
      {
        path: "components.messages.missing",
        message: "the message $ref does not resolve inside the document",
      },
      {
        path: "operations.r.channel",
        message: "the operation names no channel of this document: it was not mapped",
      },
      {
        path: "operations.x.action",
        message: "action 'publish' is neither send nor receive: the operation was not mapped",
      },
    ]);
    expect(result.graph && summary(result.graph)).toEqual({ nodes: ["topic a: a"], edges: [] });
  });
});
