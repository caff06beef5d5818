/**
 * Ingest benchmark (never part of the tests). Three processes on loopback: this one drives the
 * load (autocannon, keep-alive, 32 connections); target.ts holds the app's services (a real
 * ingest key checked by the key service, a deployed run) served by the same HTTP server as
 * `npm start` (front door, then the ingest endpoint), and a bare node:http server that parses
 * the JSON and answers 202; receiver.ts is a bare receiver for webhooks. Measured side by side
 * in one run:
 * - single events and batches of 100: ingest vs the bare server (events/s, p99, ratio); single
 *   events warmed up first and interleaved (see sideBySide);
 * - webhook deliveries: a webhook consumer (32 workers, signed) POSTing to the receiver vs
 *   autocannon POSTing the same event to it.
 * `--quick` runs 3 s per measurement instead of 10. Prints the 1-minute load average around
 * each step (the machine is shared). Last line: one JSON object.
 */
import { fork, type ChildProcess } from "node:child_process";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { benchEvent } from "./event";

const SECONDS = process.argv.includes("--quick") ? 3 : 10;
const BATCH = 100;
const CONNECTIONS = 32;

function start<T>(file: string): Promise<{ child: ChildProcess; ready: T }> {
  const child = fork(fileURLToPath(new URL(file, import.meta.url)), {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`${file} exited with ${code}`)));
    child.once("message", (message: { ready: T }) => resolve({ child, ready: message.ready }));
  });
}

const ask = <T>(child: ChildProcess, message: object, key: string) =>
  new Promise<T>((resolve) => {
    const listener = (answer: Record<string, T>) => {
      if (!(key in answer)) return;
      child.off("message", listener);
      resolve(answer[key]);
    };
    child.on("message", listener);
    child.send(message);
  });

const cannon = (url: string, body: string, headers: Record<string, string>, seconds = SECONDS) =>
  autocannon({
    url,
    method: "POST",
    connections: CONNECTIONS,
    pipelining: 1,
    duration: seconds,
    headers,
    body,
  });

type Measured = { "2xx": number; non2xx: number; latency: { p99: number } };

/**
 * Single events into the bare server (a) and into ingest (b), side by side: both warmed up
 * first (not counted), then measured a, b, b, a for half the time each, so a change in the
 * shared machine's load during the run weighs on both alike. The p99 is the worse half's.
 */
async function sideBySide(a: string, b: string, body: string, headers: Record<string, string>) {
  for (const url of [a, b]) await cannon(url, body, headers, Math.max(1, SECONDS / 5));
  const halves: Measured[][] = [[], []];
  for (const which of [0, 1, 1, 0])
    halves[which].push(await cannon([a, b][which], body, headers, SECONDS / 2));
  return halves.map(([x, y]): Measured => ({
    "2xx": x["2xx"] + y["2xx"],
    non2xx: x.non2xx + y.non2xx,
    latency: { p99: Math.max(x.latency.p99, y.latency.p99) },
  }));
}

const load = () => loadavg()[0].toFixed(2);

/** Fails the run unless the ingest answer came through the front door (its security headers are on it). */
async function throughTheFrontDoor(url: string, body: string, headers: Record<string, string>) {
  const answer = await fetch(url, { method: "POST", body, headers });
  const sniff = answer.headers.get("x-content-type-options");
  if (answer.status !== 202 || sniff !== "nosniff")
    throw new Error(`ingest answered ${answer.status} without the front door's headers (${sniff})`);
}

async function main() {
  const target = await start<{ ingestBase: string; bareBase: string; key: string }>("./target.ts");
  const receiver = await start<{ base: string }>("./receiver.ts");
  const { ingestBase, bareBase, key } = target.ready;
  const single = JSON.stringify(benchEvent(1));
  const batch = JSON.stringify(Array.from({ length: BATCH }, (_, i) => benchEvent(i)));
  const structured = { authorization: `Bearer ${key}`, "content-type": "application/cloudevents+json" };
  const batched = { authorization: `Bearer ${key}`, "content-type": "application/cloudevents-batch+json" };
  const figures: Record<string, number> = { seconds: SECONDS, loadBefore: Number(load()) };
  console.log(`load average (1 min) before: ${load()}`);
  const path = "/ingest/topics/orders";
  await throughTheFrontDoor(ingestBase + path, single, structured);
  const [bareSingle, ingestSingle] = await sideBySide(bareBase + path, ingestBase + path, single, structured);
  for (const [name, url, body, headers, perRequest] of [
    ["bareSingle", bareSingle, single, structured, 1],
    ["ingestSingle", ingestSingle, single, structured, 1],
    ["bareBatch", bareBase + path, batch, batched, BATCH],
    ["ingestBatch", ingestBase + path, batch, batched, BATCH],
    [
      "receiverBare",
      receiver.ready.base + "/hook",
      JSON.stringify(benchEvent(1).data),
      {
        "content-type": "application/json",
      },
      1,
    ],
  ] as const) {
    const result = typeof url === "string" ? await cannon(url, body, headers) : url;
    figures[`${name}EventsPerSec`] = Math.round((result["2xx"] * perRequest) / SECONDS);
    figures[`${name}P99Ms`] = result.latency.p99;
    figures[`${name}Non2xx`] = result.non2xx;
    console.log(
      `${name}: ${figures[`${name}EventsPerSec`].toLocaleString("en-US")} events/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx} (load ${load()})`,
    );
  }
  const count = SECONDS * 10_000;
  const hooks = await ask<{ perSec: number; p99Ms: number; failed: number }>(
    target.child,
    { webhooks: { url: receiver.ready.base + "/hook", count, concurrency: CONNECTIONS } },
    "webhooks",
  );
  figures.webhookDeliveriesPerSec = hooks.perSec;
  figures.webhookCallP99Ms = hooks.p99Ms;
  figures.webhookFailed = hooks.failed;
  console.log(
    `webhooks: ${hooks.perSec.toLocaleString("en-US")} deliveries/s (${count} events, ${CONNECTIONS} workers, signed), call p99 ${hooks.p99Ms} ms, failed ${hooks.failed} (load ${load()})`,
  );
  const ratio = (a: number, b: number) => Number((a / b).toFixed(2));
  figures.singleRatio = ratio(figures.ingestSingleEventsPerSec, figures.bareSingleEventsPerSec);
  figures.batchRatio = ratio(figures.ingestBatchEventsPerSec, figures.bareBatchEventsPerSec);
  figures.webhookRatio = ratio(figures.webhookDeliveriesPerSec, figures.receiverBareEventsPerSec);
  figures.loadAfter = Number(load());
  console.log(
    `single-event ingest / bare: ${figures.singleRatio} (target ≥ 0.5); batched ingest: ${figures.ingestBatchEventsPerSec.toLocaleString("en-US")} events/s (target ≥ 100,000); webhooks / autocannon into the same receiver: ${figures.webhookRatio}`,
  );
  console.log(JSON.stringify(figures));
  target.child.kill();
  receiver.child.kill();
  process.exit(0);
}

void main();
