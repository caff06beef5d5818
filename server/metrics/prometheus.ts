import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { collectDefaultMetrics, Counter, Gauge, Registry } from "prom-client";
import type { FlowGraph } from "@/lib/flow";
import type { FlowRun, WebhookPort } from "../runtime";
import type { LatencyHistogram } from "../runtime/metrics/latency-histogram";
import { RunHistogram, type HistogramRows } from "./run-histogram";

/** What the metrics read: the runs of this server and the names of their flows. */
export interface MetricsSource {
  runningFlowIds(): string[];
  run(flowId: string): FlowRun | undefined;
  /** The flow's name (looked up once per run and cached by the caller). */
  flowName(flowId: string): Promise<string>;
}

const COUNTS = [
  "published",
  "delivered",
  "acked",
  "failed",
  "retry-scheduled",
  "dead-lettered",
  "dropped",
] as const;
const metricName = (outcome: string) =>
  `eventloom_events_${outcome.replace("-scheduled", "").replace("-", "_")}`;

const nodeName = (graph: FlowGraph, nodeId: string): string => {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return nodeId;
  if (node.label) return node.label;
  if (node.kind === "topic") return node.config.name;
  if (node.kind === "consumer") return node.config.group;
  return node.config.eventType;
};

/**
 * The Prometheus registry of this process: per running flow (labelled by the flow's name and
 * its short run id, never the edit id), topic and consumer group, the counts by outcome, lag per
 * group and partition, in-flight deliveries and latency histograms (end to end and processing), read from the runs at scrape
 * time; ingest requests and webhook calls by status; and the Node process metrics.
 */
export function createMetrics(source: MetricsSource) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "eventloom_" });
  const labels = ["flow", "run", "node", "kind"] as const;
  const snapshot = async () => {
    const rows = [];
    for (const flowId of source.runningFlowIds()) {
      const run = source.run(flowId);
      if (!run) continue;
      rows.push({ flow: await source.flowName(flowId), run, metrics: run.metrics() });
    }
    return rows;
  };
  for (const outcome of COUNTS) {
    new Gauge({
      name: metricName(outcome),
      help: `Events ${outcome} since the run started, per flow, run and node (producer, topic or consumer group)`,
      labelNames: labels,
      registers: [registry],
      async collect() {
        this.reset();
        for (const { flow, run, metrics } of await snapshot())
          for (const node of Object.values(metrics.nodes)) {
            const n = node.counts[outcome];
            if (n > 0 || outcome === "published" || outcome === "acked")
              this.set({ flow, run: run.flowId, node: nodeName(run.graph, node.nodeId), kind: node.kind }, n);
          }
      },
    });
  }
  new Gauge({
    name: "eventloom_consumer_lag",
    help: "Events not yet committed by a consumer group, per partition",
    labelNames: ["flow", "run", "group", "topic", "partition"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { flow, run, metrics } of await snapshot())
        for (const node of Object.values(metrics.nodes))
          for (const p of node.lag?.partitions ?? [])
            this.set(
              {
                flow,
                run: run.flowId,
                group: nodeName(run.graph, node.nodeId),
                topic: nodeName(run.graph, p.topicNodeId),
                partition: String(p.partition),
              },
              p.lag,
            );
    },
  });
  new Gauge({
    name: "eventloom_in_flight",
    help: "Deliveries being processed now, per consumer group",
    labelNames: ["flow", "run", "group"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { flow, run, metrics } of await snapshot())
        for (const node of Object.values(metrics.nodes))
          if (node.kind === "consumer")
            this.set({ flow, run: run.flowId, group: nodeName(run.graph, node.nodeId) }, node.inFlight);
    },
  });
  const consumerHistograms =
    (pick: (run: FlowRun, consumerId: string) => LatencyHistogram | undefined): HistogramRows =>
    async () => {
      const rows = [];
      for (const { flow, run } of await snapshot())
        for (const node of run.graph.nodes) {
          const histogram = node.kind === "consumer" ? pick(run, node.id) : undefined;
          if (histogram)
            rows.push({ labels: { flow, run: run.flowId, group: nodeName(run.graph, node.id) }, histogram });
        }
      return rows;
    };
  const groupLabels = ["flow", "run", "group"];
  new RunHistogram(
    {
      name: "eventloom_end_to_end_latency_ms",
      help: "Publish-to-ack latency of every acked delivery of the run, per consumer group (ms)",
      labelNames: groupLabels,
      registers: [registry],
    },
    consumerHistograms((run, id) => run.latencyHistogram(id)),
  );
  new RunHistogram(
    {
      name: "eventloom_processing_latency_ms",
      help: "Time each delivery attempt took, from its start to its ack or failure, per consumer group (ms)",
      labelNames: groupLabels,
      registers: [registry],
    },
    consumerHistograms((run, id) => run.processingHistogram(id)),
  );
  // Counted per request on the ingest hot path as a plain tally (a few statuses), read at scrape time.
  const ingestByStatus = new Map<number, number>();
  new Counter({
    name: "eventloom_ingest_requests_total",
    help: "HTTP ingest requests by answer status",
    labelNames: ["status"],
    registers: [registry],
    collect() {
      this.reset();
      for (const [status, count] of ingestByStatus) this.inc({ status: String(status) }, count);
    },
  });
  const webhookCalls = new Counter({
    name: "eventloom_webhook_calls_total",
    help: "Webhook consumer calls by answer status (error: no answer; refused: address refused)",
    labelNames: ["status"],
    registers: [registry],
  });
  return {
    registry,
    countIngest(status: number) {
      ingestByStatus.set(status, (ingestByStatus.get(status) ?? 0) + 1);
    },
    /** Wraps a webhook port so that each call is counted by status. */
    countingWebhooks(port: WebhookPort): WebhookPort {
      return {
        deliver: async (request) => {
          const outcome = await port.deliver(request);
          webhookCalls.inc({
            status: outcome.status !== null ? String(outcome.status) : outcome.refused ? "refused" : "error",
          });
          return outcome;
        },
      };
    },
  };
}
export type Metrics = ReturnType<typeof createMetrics>;

/**
 * `GET /metrics` on the custom server: off (404) unless a token is configured, then only with
 * `Authorization: Bearer <token>` (compared in constant time). Returns false for other paths.
 */
export function metricsEndpoint(metrics: Metrics, token: string | undefined) {
  const expected = token ? Buffer.from(`Bearer ${token}`) : undefined;
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (req.url !== "/metrics" && !req.url?.startsWith("/metrics?")) return false;
    if (!expected) {
      res
        .writeHead(404, { "content-type": "text/plain" })
        .end("Metrics are off: set METRICS_TOKEN to turn them on\n");
      return true;
    }
    const given = Buffer.from(req.headers.authorization ?? "");
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      res
        .writeHead(401, {
          "content-type": "text/plain",
          "www-authenticate": 'Bearer realm="eventloom-metrics"',
        })
        .end("Send Authorization: Bearer <METRICS_TOKEN>\n");
      return true;
    }
    metrics.registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": metrics.registry.contentType }).end(text),
      () => res.writeHead(503, { "content-type": "text/plain" }).end("Metrics could not be collected\n"),
    );
    return true;
  };
}
