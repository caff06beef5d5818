import { hostname } from "node:os";
import { createBrokerRegistry } from "./brokers/registry";
import next from "next";
import { env } from "./env";
import { migrateDatabase } from "./db/migrate-database";
import { attachGateway } from "./gateway";
import { realtimeAdapter } from "./gateway/realtime-adapter";
import { services } from "./services/container";
import { createTransformPool } from "./transforms/transform-pool";
import { createPreviewPool } from "./share/preview-pool";
import { installPreviews } from "./share/preview-renders";
import { nodeWebhookClient } from "./webhooks/http-client";
import { SPREAD_EVERY_MS, startCluster, TAKEOVER_EVERY_MS } from "./cluster/start-cluster";
import { appVersion } from "./version";
import { ingestEndpoint } from "./http/ingest-endpoint";
import { createMetrics, metricsEndpoint } from "./metrics/prometheus";
import { ingestServices } from "./services/ingest-container";
import { otlpDeliveryExport } from "./telemetry/otlp-export";
import { appServer } from "./http/app-server";
import { socketEdge } from "./edge/socket-edge";
import { describeStartupFailure } from "./startup-failure";

/**
 * The custom server: Next.js and Socket.IO on one port. Wiring only: the use cases live in
 * server/services, the realtime channel in server/gateway.
 */
async function main() {
  const config = env();
  const dev = process.argv.includes("--dev");
  const applied = await migrateDatabase(config.DATABASE_URL);
  if (applied.length > 0 && config.LOG_LEVEL !== "silent")
    console.log(`Applied migrations: ${applied.join(", ")}`);

  // Built here first, so route handlers (bundled apart by Next) share this one instance.
  // User transforms run in child processes with a hard time and memory limit, never on this thread.
  const transforms = createTransformPool({ memoryMb: config.TRANSFORM_MEMORY_MB });
  // Link-preview pictures are drawn in a child process too, one at a time, a few more waiting.
  const previews = createPreviewPool({
    size: 1,
    timeoutMs: config.PREVIEW_TIMEOUT_MS,
    memoryMb: config.PREVIEW_MEMORY_MB,
  });
  installPreviews((job) => previews.draw(job), { maxConcurrent: 1, maxWaiting: config.PREVIEW_MAX_WAITING });
  // Redis and NATS (when configured) are connected in the background; a broker that is down is retried.
  const brokers = createBrokerRegistry({
    redisUrl: config.REDIS_URL,
    natsUrl: config.NATS_URL,
    consumerName: config.BROKER_CONSUMER_NAME ?? hostname(),
    visibilityTimeoutMs: config.BROKER_VISIBILITY_TIMEOUT_MS,
  });
  // With PostgreSQL and Redis, this server is one of a cluster: each run has one owner (a lease).
  const cluster = await startCluster(config);
  // Webhook consumers deliver through a Node HTTP client that refuses private addresses.
  const flowNames = new Map<string, string>();
  const metricsFlowName = async (flowId: string) => {
    if (!flowNames.has(flowId)) {
      const flow = await shared.flows.get(flowId);
      flowNames.set(flowId, flow.ok ? flow.value.name : "");
    }
    return flowNames.get(flowId)!;
  };
  // Each server exports what it handles: the runs it owns, and its share of spread runs
  // (Prometheus sums a flow over the servers).
  const memberRun = (flowId: string) => shared.spread?.memberRuns().find((m) => m.flowId === flowId)?.run;
  const metrics = createMetrics({
    runningFlowIds: () => [
      ...shared.runs.runningFlowIds(),
      ...(shared.spread?.memberRuns().map((m) => m.flowId) ?? []),
    ],
    run: (flowId) => shared.runs.run(flowId) ?? memberRun(flowId),
    flowName: metricsFlowName,
  });
  const webhooks = metrics.countingWebhooks(nodeWebhookClient({ allowHosts: config.WEBHOOK_ALLOW_HOSTS }));
  const shared = services({ transforms, brokers, cluster, webhooks });
  // OpenTelemetry (when configured): every delivery step as a span, batched to the collector.
  const spans = config.OTEL_EXPORTER_OTLP_ENDPOINT
    ? otlpDeliveryExport({
        endpoint: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        serviceName: config.OTEL_SERVICE_NAME,
        flowName: (flowId) => {
          if (!flowNames.has(flowId)) void metricsFlowName(flowId);
          return flowNames.get(flowId) ?? "";
        },
      })
    : undefined;
  if (spans) shared.runs.subscribe(spans);
  const app = next({ dev, hostname: config.HOST, port: config.PORT, dir: process.cwd() });
  const handle = app.getRequestHandler();
  await app.prepare();

  const ingest = ingestEndpoint(ingestServices().ingest, {
    maxBodyBytes: config.MAX_INGEST_BODY_BYTES,
    onAnswer: (outcome) => metrics.countIngest(outcome.status),
  });
  const scrape = metricsEndpoint(metrics, config.METRICS_TOKEN);
  const { http, door } = appServer(
    config,
    { ingest, scrape, pages: (req, res) => void handle(req, res) },
    { dev },
  );
  const gateway = attachGateway(
    http,
    shared,
    appVersion,
    {
      socketLimits: {
        messagesPerSec: config.SOCKET_MESSAGES_PER_SEC,
        burst: 2 * config.SOCKET_MESSAGES_PER_SEC,
      },
      ...(cluster
        ? {
            cluster: {
              server: cluster.server,
              adapter: realtimeAdapter(cluster.redis, cluster.prefix),
              docs: cluster.docs,
            },
          }
        : {}),
    },
    socketEdge(config, door.limiter),
  );
  // Socket.IO answers upgrades on /socket.io/; the rest (Next's dev reload socket) go to Next.
  const upgrade = app.getUpgradeHandler();
  http.on("upgrade", (req, socket, head) => {
    if (!req.url?.startsWith("/socket.io/")) void upgrade(req, socket, head);
  });

  http.once("error", failToStart);
  http.listen(config.PORT, config.HOST, () => {
    http.off("error", failToStart);
    const address = http.address();
    const port = typeof address === "object" && address ? address.port : config.PORT;
    if (config.LOG_LEVEL !== "silent")
      console.log(`Eventloom ${appVersion} ready on http://${config.HOST}:${port}${dev ? " (dev)" : ""}`);
    if (cluster && config.LOG_LEVEL !== "silent") console.log(`Joined the cluster as ${cluster.server}`);
    // Flows that were running when the server last stopped, cleanly or not, run again; in a
    // cluster, every server keeps looking for runs whose owner is gone and takes them over.
    const resume = () =>
      void shared.runs.resumeAll().then((results) => {
        if (config.LOG_LEVEL === "silent") return;
        const resumed = results.filter((r) => r.ok).length;
        if (resumed > 0) console.log(`Resumed ${resumed} flow run${resumed === 1 ? "" : "s"} left running`);
        for (const r of results) if (!r.ok) console.error(`Could not resume a flow run: ${r.message}`);
      });
    resume();
    void cluster?.beat(shared.runs.load()).catch(() => {});
    if (cluster)
      takeover = setInterval(() => {
        void cluster.beat(shared.runs.load()).catch(() => {});
        resume();
      }, TAKEOVER_EVERY_MS);
    // Consumer groups on Redis Streams spread over the servers: announce, join, follow.
    if (shared.spread)
      spreading = setInterval(() => void shared.spread?.tick(shared.runs).catch(() => {}), SPREAD_EVERY_MS);
  });
  let takeover: NodeJS.Timeout | undefined;
  let spreading: NodeJS.Timeout | undefined;

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    if (config.LOG_LEVEL !== "silent") console.log(`${signal}: shutting down`);
    // Producers stop at once; deliveries in hand get two seconds, then are recorded as dropped.
    clearInterval(takeover);
    clearInterval(spreading);
    // Documents people are editing are saved before the process goes.
    const stopping = [shared.runs.stopAll(2000), shared.spread?.stopAll(), shared.live.flushAll()];
    void Promise.all(stopping).finally(() => {
      void transforms.close();
      previews.close();
      void brokers.close();
      void spans?.shutdown();
      void cluster?.close();
      gateway.flush();
      gateway.close();
      http.close(() => process.exit(0));
    });
    setTimeout(() => process.exit(0), 8000).unref();
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

/** Stops with one line saying what is wrong and what to do (the stack only with LOG_LEVEL=debug). */
function failToStart(error: unknown): never {
  const config = env();
  console.error(
    describeStartupFailure(error, { databaseUrl: config.DATABASE_URL, host: config.HOST, port: config.PORT }),
  );
  if (config.LOG_LEVEL === "debug") console.error(error);
  process.exit(1);
}

main().catch(failToStart);
