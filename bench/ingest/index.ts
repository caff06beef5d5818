/**
 * Ingest benchmark (never part of the tests): autocannon with keep-alive on loopback against
 * the ingest endpoint (a real run with one topic and one consumer group behind it), side by
 * side with a bare node:http server that parses the JSON and answers 202. Single events and
 * batches of 100. `--quick` runs 3 s per measurement instead of 10. Last line: one JSON object.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import autocannon from "autocannon";
import { RealTime, createFlowRun } from "@/server/runtime";
import { consumer, edge, graph, topic } from "@/server/runtime/testing/flows";
import { ingestEndpoint } from "@/server/http/ingest-endpoint";
import { ingestService } from "@/server/services/ingest";
import type { IngestKeyService } from "@/server/services/ingest-keys";

const SECONDS = process.argv.includes("--quick") ? 3 : 10;
const KEY = "elk_" + "b".repeat(43);
const BATCH = 100;

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/ingest/topics/orders`;
}

function cannon(url: string, body: string, contentType: string) {
  return autocannon({
    url,
    method: "POST",
    connections: 32,
    pipelining: 1,
    duration: SECONDS,
    headers: { authorization: `Bearer ${KEY}`, "content-type": contentType },
    body,
  });
}

async function main() {
  const clock = new RealTime();
  const created = createFlowRun({
    flowId: "bench",
    graph: graph(
      [
        topic("orders", { partitions: 4, retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
        consumer("billing"),
      ],
      [edge("subscribes", "orders", "billing")],
    ),
    version: 1,
    seed: 1,
    ports: { clock, scheduler: clock },
    options: { historySize: 100_000 },
  });
  if (!created.ok) throw new Error(created.error.message);
  const run = created.value;
  run.start();
  // The key check is the service's cached path; the database is not what is measured here.
  const keys = { verify: async () => ({ flowId: "f", keyId: "k" }) } as unknown as IngestKeyService;
  const service = ingestService(keys, { run: () => run }, { maxPayloadBytes: 262_144, maxBatch: 1000 });
  const endpoint = ingestEndpoint(service, { maxBodyBytes: 1024 * 1024 });
  const ingestUrl = await listen(createServer((req, res) => void endpoint(req, res)));
  const bareUrl = await listen(
    createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        JSON.parse(body);
        res.writeHead(202, { "content-type": "application/json" }).end('{"accepted":true}');
      });
    }),
  );
  const event = (i: number) => ({
    specversion: "1.0",
    id: `e-${i}`,
    source: "/bench",
    type: "order.placed",
    data: { total: i },
  });
  const single = JSON.stringify(event(1));
  const batch = JSON.stringify(Array.from({ length: BATCH }, (_, i) => event(i)));
  const figures: Record<string, number> = {};
  for (const [name, url, body, type, perRequest] of [
    ["bareSingle", bareUrl, single, "application/cloudevents+json", 1],
    ["ingestSingle", ingestUrl, single, "application/cloudevents+json", 1],
    ["bareBatch", bareUrl, batch, "application/cloudevents-batch+json", BATCH],
    ["ingestBatch", ingestUrl, batch, "application/cloudevents-batch+json", BATCH],
  ] as const) {
    const result = await cannon(url, body, type);
    const ok = result["2xx"];
    figures[`${name}EventsPerSec`] = Math.round((ok * perRequest) / SECONDS);
    figures[`${name}P99Ms`] = result.latency.p99;
    figures[`${name}Non2xx`] = result.non2xx;
    console.log(
      `${name}: ${figures[`${name}EventsPerSec`].toLocaleString("en-US")} events/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}`,
    );
  }
  figures.singleRatio = Number(
    (figures.ingestSingleEventsPerSec / figures.bareSingleEventsPerSec).toFixed(2),
  );
  figures.batchRatio = Number((figures.ingestBatchEventsPerSec / figures.bareBatchEventsPerSec).toFixed(2));
  console.log(
    `single-event ingest / bare: ${figures.singleRatio}; batched ingest / bare: ${figures.batchRatio}`,
  );
  console.log(JSON.stringify(figures));
  await run.stop({ graceMs: 0 });
  process.exit(0);
}

void main();
