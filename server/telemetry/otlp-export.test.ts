import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events/envelope";
import { createFlowRun, VirtualTime } from "../runtime";
import { consumer, edge, graph, topic } from "../runtime/testing/flows";
import { otlpDeliveryExport } from "./otlp-export";
import { publishSpanId } from "./delivery-spans";

// A local OTLP/HTTP receiver, started by the test: it keeps every JSON export request.
const received: { path: string; type: string; body: OtlpBody }[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    received.push({ path: req.url ?? "", type: req.headers["content-type"] ?? "", body: JSON.parse(body) });
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
  });
});
let endpoint = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  endpoint = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  status: { code: number; message?: string };
  attributes: { key: string; value: Record<string, unknown> }[];
}
interface OtlpBody {
  resourceSpans: {
    resource: { attributes: { key: string; value: Record<string, unknown> }[] };
    scopeSpans: { spans: OtlpSpan[] }[];
  }[];
}

const START = Date.UTC(2026, 0, 1, 12, 0, 0);
const TRACE = "0af7651916cd43dd8448eb211c80319c";
const SENDER_SPAN = "b7ad6b7169203331";
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);
const attributes = (span: OtlpSpan) =>
  Object.fromEntries(span.attributes.map((a) => [a.key, Object.values(a.value)[0]]));

describe("OpenTelemetry export of delivery steps", () => {
  it("sends each step as a span in the trace of the event that caused it, to a real OTLP receiver", async () => {
    const time = new VirtualTime(START);
    const exporter = otlpDeliveryExport({ endpoint, serviceName: "eventloom-test", flowName: () => "Shop" });
    const created = createFlowRun({
      flowId: "f",
      graph: graph(
        [
          topic("orders", { partitions: 1 }),
          consumer("billing", { processingMs: { min: 7, max: 7 } }),
          consumer("audit", {
            failureRatePct: 100,
            retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 10, maxDelayMs: 10 },
          }),
        ],
        [edge("subscribes", "orders", "billing"), edge("subscribes", "orders", "audit")],
      ),
      version: 1,
      seed: 1,
      ports: { clock: time, scheduler: time, sink: { onRecords: (range) => exporter.onRecords("f", range) } },
    });
    if (!created.ok) throw new Error(created.error.message);
    const run = created.value;
    run.start();
    const event = {
      ...createEvent({
        id: "ext-1",
        source: "/shop",
        type: "order.placed",
        timeMs: START,
        data: { total: 1 },
      }),
      traceparent: `00-${TRACE}-${SENDER_SPAN}-01`,
    };
    expect(run.publish("orders", [{ event }]).ok).toBe(true);
    await time.advanceTo(START + 100);
    await exporter.flush();

    expect(received.map((r) => [r.path, r.type])).toEqual([["/v1/traces", "application/json"]]);
    const [resourceSpans] = received[0].body.resourceSpans;
    expect(resourceSpans.resource.attributes).toContainEqual({
      key: "service.name",
      value: { stringValue: "eventloom-test" },
    });
    const spans = resourceSpans.scopeSpans.flatMap((s) => s.spans);
    const publish = publishSpanId("ext-1");
    expect(
      spans.map((s) => ({
        name: s.name,
        kind: s.kind,
        traceId: s.traceId,
        parent: s.parentSpanId,
        start: String(s.startTimeUnixNano),
        end: String(s.endTimeUnixNano),
        status: s.status.code,
      })),
    ).toEqual([
      // SPAN_KIND_PRODUCER 4, CONSUMER 5, INTERNAL 1; STATUS_CODE_OK 1, ERROR 2.
      {
        name: "publish orders",
        kind: 4,
        traceId: TRACE,
        parent: SENDER_SPAN,
        start: ns(START),
        end: ns(START),
        status: 1,
      },
      {
        name: "process audit",
        kind: 5,
        traceId: TRACE,
        parent: publish,
        start: ns(START),
        end: ns(START),
        status: 2,
      },
      {
        name: "drop audit",
        kind: 1,
        traceId: TRACE,
        parent: publish,
        start: ns(START),
        end: ns(START),
        status: 2,
      },
      {
        name: "process billing",
        kind: 5,
        traceId: TRACE,
        parent: publish,
        start: ns(START),
        end: ns(START + 7),
        status: 1,
      },
    ]);
    expect(spans[0].spanId).toBe(publish);
    expect(attributes(spans[3])).toEqual({
      "messaging.system": "eventloom",
      "messaging.message.id": "ext-1",
      "messaging.destination.name": "orders",
      "messaging.destination.partition.id": "0",
      "messaging.consumer.group.name": "billing",
      "eventloom.flow": "Shop",
      "eventloom.event.type": "order.placed",
      "eventloom.offset": 0,
      "eventloom.attempt": 1,
    });
    await exporter.shutdown();
  });
});
