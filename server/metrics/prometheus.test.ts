import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { consumer, edge, graph, producer, startVirtualRun, topic } from "../runtime/testing/flows";
import { createMetrics, metricsEndpoint } from "./prometheus";

async function shopMetrics() {
  const g = graph(
    [producer("p"), topic("orders", { partitions: 2 }), consumer("billing")],
    [edge("publishes", "p", "orders"), edge("subscribes", "orders", "billing")],
  );
  const { run, time } = startVirtualRun(g);
  run.fire("p", 4);
  await time.advanceTo(10);
  const metrics = createMetrics({
    runningFlowIds: () => ["EDIT-ID-never-shown-xx"],
    run: () => run,
    flowName: async () => "Shop",
  });
  return { metrics, run };
}

describe("Prometheus metrics", () => {
  it("label runs with the flow's name, the short run id and node names, never the edit id", async () => {
    const { metrics, run } = await shopMetrics();
    metrics.countIngest(202);
    metrics.countIngest(202);
    metrics.countIngest(401);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      `eventloom_events_published{flow="Shop",run="${run.flowId}",node="orders",kind="topic"} 4`,
    );
    expect(text).toContain(
      `eventloom_events_acked{flow="Shop",run="${run.flowId}",node="billing",kind="consumer"} 4`,
    );
    expect(text).toContain(
      `eventloom_consumer_lag{flow="Shop",run="${run.flowId}",group="billing",topic="orders",partition="0"} 0`,
    );
    expect(text).toContain(`eventloom_in_flight{flow="Shop",run="${run.flowId}",group="billing"} 0`);
    expect(text).toContain('eventloom_ingest_requests_total{status="202"} 2');
    expect(text).toContain('eventloom_ingest_requests_total{status="401"} 1');
    expect(text).toContain("eventloom_process_resident_memory_bytes");
    expect(text).not.toContain("EDIT-ID");
  });

  it("count webhook calls by status", async () => {
    const { metrics } = await shopMetrics();
    const port = metrics.countingWebhooks({
      deliver: async (r) =>
        r.url.endsWith("/down")
          ? { status: null, durationMs: 1, error: "ECONNREFUSED" }
          : { status: 200, durationMs: 1, response: "" },
    });
    const request = { headers: [], event: {} as never, timeoutMs: 100 };
    await port.deliver({ ...request, url: "https://a/ok" });
    await port.deliver({ ...request, url: "https://a/down" });
    const text = await metrics.registry.metrics();
    expect(text).toContain('eventloom_webhook_calls_total{status="200"} 1');
    expect(text).toContain('eventloom_webhook_calls_total{status="error"} 1');
  });

  it("expose end-to-end and processing latency as Prometheus histograms", async () => {
    const g = graph(
      [
        producer("p"),
        topic("orders", { partitions: 2 }),
        consumer("billing", { processingMs: { min: 3, max: 3 } }),
      ],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "billing")],
    );
    const { run, time } = startVirtualRun(g);
    run.fire("p", 4); // one worker, 3 ms each: acked 3, 6, 9 and 12 ms after publishing
    await time.advanceTo(100);
    const metrics = createMetrics({
      runningFlowIds: () => ["f"],
      run: () => run,
      flowName: async () => "Shop",
    });
    const text = await metrics.registry.metrics();
    const at = `flow="Shop",run="${run.flowId}",group="billing"`;
    const lines = (name: string) => text.split("\n").filter((l) => l.startsWith(name) && l.includes(at));
    expect(text).toContain("# TYPE eventloom_end_to_end_latency_ms histogram");
    expect(text).toContain("# TYPE eventloom_processing_latency_ms histogram");
    expect(lines("eventloom_end_to_end_latency_ms")).toEqual([
      ...[
        ["1", 0],
        ["2.5", 0],
        ["5", 1],
        ["10", 3],
        ["25", 4],
        ["50", 4],
        ["100", 4],
        ["250", 4],
        ["500", 4],
        ["1000", 4],
        ["2500", 4],
        ["5000", 4],
        ["10000", 4],
        ["30000", 4],
        ["60000", 4],
        ["+Inf", 4],
      ].map(([le, n]) => `eventloom_end_to_end_latency_ms_bucket{${at},le="${le}"} ${n}`),
      `eventloom_end_to_end_latency_ms_sum{${at}} 30`,
      `eventloom_end_to_end_latency_ms_count{${at}} 4`,
    ]);
    const processing = lines("eventloom_processing_latency_ms");
    expect(processing.slice(0, 3)).toEqual([
      `eventloom_processing_latency_ms_bucket{${at},le="1"} 0`,
      `eventloom_processing_latency_ms_bucket{${at},le="2.5"} 0`,
      `eventloom_processing_latency_ms_bucket{${at},le="5"} 4`,
    ]);
    expect(processing.slice(-2)).toEqual([
      `eventloom_processing_latency_ms_sum{${at}} 12`,
      `eventloom_processing_latency_ms_count{${at}} 4`,
    ]);
    expect(text).not.toContain("quantile");
  });

  it("GET /metrics is off without a token, then needs it as a bearer", async () => {
    const { metrics } = await shopMetrics();
    const serve = async (token: string | undefined, auth?: string) => {
      const server = createServer((req, res) => {
        if (!metricsEndpoint(metrics, token)(req, res)) res.writeHead(418).end();
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
      const response = await fetch(url, { headers: auth ? { authorization: auth } : {} });
      const body = await response.text();
      await new Promise((resolve) => server.close(resolve));
      return { status: response.status, body, type: response.headers.get("content-type") };
    };
    expect((await serve(undefined)).status).toBe(404);
    expect((await serve("a-long-metrics-token")).status).toBe(401);
    expect((await serve("a-long-metrics-token", "Bearer wrong")).status).toBe(401);
    const ok = await serve("a-long-metrics-token", "Bearer a-long-metrics-token");
    expect(ok.status).toBe(200);
    expect(ok.type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(ok.body).toContain("# TYPE eventloom_events_published gauge");
  });
});
