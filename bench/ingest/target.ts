/**
 * The process under load in `bench:ingest` (forked by index.ts): the app's own services over a
 * fresh SQLite database (flows saved and deployed as the REST routes do, a real ingest key made
 * by the key service and checked by it on every request), served by the same HTTP server as
 * `npm start` (server/http/app-server.ts: the front door with its security headers and request
 * guard, then the ingest endpoint with its metrics hook; the page router is not started, no
 * bench request reaches it), on the default settings but for the event caps below; and beside
 * it a bare node:http server that parses the JSON and answers 202.
 * It also runs the webhook measurement on request, since the deliveries start here.
 */
import { mkdtempSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import type { FlowGraph } from "@/lib/flow";
import { consumer, edge, graph, topic } from "@/server/runtime/testing/flows";
import { eventEnvelope } from "./event";

const dir = mkdtempSync(join(tmpdir(), "eventloom-bench-ingest-"));
Object.assign(process.env, {
  DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
  // The caps are for shared servers; here they would measure the cap, not the path.
  MAX_FLOW_EVENTS_PER_SEC: "1000000",
  MAX_SERVER_EVENTS_PER_SEC: "10000000",
  WEBHOOK_ALLOW_HOSTS: "127.0.0.1",
  LOG_LEVEL: "error",
});
const { applyMigrations } = await import("@/server/db/migrate");
applyMigrations(join(dir, "db.sqlite"));
const { services } = await import("@/server/services/container");
const { ingestServices } = await import("@/server/services/ingest-container");
const { ingestEndpoint } = await import("@/server/http/ingest-endpoint");
const { createMetrics } = await import("@/server/metrics/prometheus");
const { nodeWebhookClient } = await import("@/server/webhooks/http-client");
const { appServer } = await import("@/server/http/app-server");
const { env } = await import("@/server/env");
const { metricsEndpoint } = await import("@/server/metrics/prometheus");
const config = env();

const listen = async (server: Server) => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

const metrics = createMetrics({
  runningFlowIds: () => shared.runs.runningFlowIds(),
  run: (id) => shared.runs.run(id),
  flowName: async () => "bench",
});
const shared = services({
  webhooks: metrics.countingWebhooks(nodeWebhookClient({ allowHosts: ["127.0.0.1"] })),
});

async function deployFlow(name: string, flowGraph: FlowGraph) {
  const created = await shared.flows.create({ name, graph: flowGraph });
  if (!created.ok) throw new Error(`create ${name}: ${JSON.stringify(created.body)}`);
  const deployed = await shared.deploy(created.value.id);
  if (!deployed.ok) throw new Error(`deploy ${name}: ${JSON.stringify(deployed.body)}`);
  return created.value.id;
}

const ingestFlow = await deployFlow(
  "Ingest bench",
  graph(
    [
      topic("orders", { partitions: 4, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
      consumer("billing"),
    ],
    [edge("subscribes", "orders", "billing")],
  ),
);
const issued = await ingestServices().keys.create(ingestFlow, "bench");
if (!issued.ok) throw new Error("could not create an ingest key");
const ingest = ingestEndpoint(ingestServices().ingest, {
  maxBodyBytes: config.MAX_INGEST_BODY_BYTES,
  onAnswer: (outcome) => metrics.countIngest(outcome.status),
});
const app = appServer(config, {
  ingest,
  scrape: metricsEndpoint(metrics, config.METRICS_TOKEN),
  pages: (_req, res) => res.writeHead(404).end(),
});
const ingestBase = await listen(app.http);
const bareBase = await listen(
  createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      JSON.parse(body);
      res.writeHead(202, { "content-type": "application/json" }).end('{"accepted":true}');
    });
  }),
);

/** Publishes `count` events into a flow whose webhook consumer POSTs them to `url`; deliveries/s and call p99. */
async function webhooks(url: string, count: number, concurrency: number) {
  const flowId = await deployFlow(
    "Webhook bench",
    graph(
      [
        topic("deliveries", {
          partitions: concurrency,
          retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 },
        }),
        consumer("hook", {
          concurrency,
          action: "webhook",
          webhookUrl: url,
          webhookTimeoutMs: 10_000,
          webhookSecret: "whsec_" + Buffer.alloc(32, 7).toString("base64"),
        }),
      ],
      [edge("subscribes", "deliveries", "hook")],
    ),
  );
  const run = shared.runs.run(flowId)!;
  const topicId = run.graph.nodes.find((n) => n.kind === "topic")!.id;
  const hookId = run.graph.nodes.find((n) => n.kind === "consumer")!.id;
  const settled = () => {
    const counts = run.metrics({ latency: false }).nodes[hookId].counts;
    return counts.acked + counts["dead-lettered"] + counts.dropped;
  };
  const started = performance.now();
  for (let sent = 0; sent < count; sent += 1000) {
    const events = Array.from({ length: Math.min(1000, count - sent) }, (_, i) => ({
      event: eventEnvelope(sent + i),
      key: String(sent + i),
    }));
    const published = run.publish(topicId, events);
    if (!published.ok) throw new Error(published.error.message);
    await new Promise((resolve) => setImmediate(resolve));
  }
  // Every event ends acked or, after its retries, dead-lettered (counted as failed below).
  const deadline = performance.now() + 120_000;
  while (settled() < count && performance.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  const seconds = (performance.now() - started) / 1000;
  const calls = run.processingHistogram(hookId)!;
  const counts = run.metrics({ latency: false }).nodes[hookId].counts;
  const failed = counts.failed;
  if (counts.acked < count)
    console.log(`webhooks: only ${counts.acked} of ${count} acked within the deadline`);
  await shared.stop(flowId);
  return { perSec: Math.round(counts.acked / seconds), p99Ms: calls.quantile(0.99), failed };
}

process.on(
  "message",
  (message: { webhooks?: { url: string; count: number; concurrency: number }; exit?: true }) => {
    // A clean exit, so that --cpu-prof (profiling the app side) writes its profile.
    if (message.exit) process.exit(0);
    if (message.webhooks) {
      const { url, count, concurrency } = message.webhooks;
      void webhooks(url, count, concurrency).then((result) => process.send!({ webhooks: result }));
    }
  },
);
process.send!({ ready: { ingestBase, bareBase, key: issued.value.key } });
