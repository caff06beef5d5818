import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunStatus } from "@/lib/realtime/protocol";
import { frame, rawWebSocket } from "../gateway/testing/raw-websocket";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { api, realtime, until } from "./client";
import { startAbuseServer, type AbuseServer } from "./harness";
import { underAttack } from "./health-watch";

// Attacks that used to grow the server's memory until it died: a run of large payloads, and
// answers asked for by a client that never reads them. The server runs with a 384 MB heap:
// without the run budgets the payload run alone outgrows it within seconds ("JavaScript heap
// out of memory"), with them it lives on, and /api/health answers within 1 s throughout.
const RUN_MB = 32;
const SERVER_MB = 64;
const HEAP_MB = 384;
/** What the server may grow by over its idle size: its heap's limit (code and buffers are outside it). */
const GROWTH_MB = HEAP_MB;
let server: AbuseServer;
let idleMb: number;
beforeAll(async () => {
  server = await startAbuseServer({
    RATE_LIMIT_CREATES_PER_MIN: "1000",
    RATE_LIMIT_DEPLOYS_PER_MIN: "1000",
    MAX_RUN_MEMORY_MB: String(RUN_MB),
    MAX_SERVER_MEMORY_MB: String(SERVER_MB),
    NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}`,
  });
  // The pages and routes an attack touches are loaded first, so they do not count as growth.
  await fetch(`${server.base}/api/flows/AAAAAAAAAAAAAAAAAAAAAA/run`);
  idleMb = server.rssMb();
}, 90_000);
afterAll(() => server?.stop());

/** Runs `during` while sampling the server's resident memory; returns the peak (MB). */
async function peakRss<T>(during: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peakMb = server.rssMb();
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, server.rssMb())), 100);
  try {
    return { result: await during(), peakMb: Math.max(peakMb, server.rssMb()) };
  } finally {
    clearInterval(sampler);
  }
}

const status = async (client: ReturnType<typeof api>, id: string) =>
  (await client.run(id)).body.status as RunStatus;

describe("attacks on memory", () => {
  it("a run publishing 15 KB payloads at 2,000/s stays within its budget; a stopped run's memory goes to the next", async () => {
    const client = api(server, "127.0.0.80");
    // A placeholder makes each payload its own 15 KB object (a constant one is shared by every event).
    const payloadTemplate = `{"n": {{seq}}, "text": "${"y".repeat(15_000)}"}`;
    const id = await client.create(
      "Heavy payloads",
      graph(
        [
          producer("p", { mode: "rate", ratePerSec: 2000, payloadTemplate }),
          topic("orders", { retention: { maxEventsPerPartition: 1_000_000, maxAgeMs: 0 } }),
          consumer("c"),
        ],
        [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
      ),
    );
    const stored = (await client.get(id)).body;
    const runFor = (ms: number) =>
      underAttack(server.base, async () => {
        expect((await client.deploy(id)).status).toBe(200);
        // Unbounded, this many events would hold ms/1000 × 30 MB: past the heap within 13 s.
        await new Promise((r) => setTimeout(r, ms));
        const capped = await until(
          "the run says it trims",
          () => status(client, id),
          (s) => !!s.capped,
        );
        expect((await client.stop(id)).status).toBe(200);
        return capped;
      });
    const first = await peakRss(() => runFor(15_000));
    expect(first.result.result.capped).toMatch(
      new RegExp(
        `^The run holds more than this server allows per run \\(${RUN_MB} MB\\): \\d+ of its oldest events were removed from topics early`,
      ),
    );
    expect(server.alive()).toBe(true);
    expect(first.result.health.failures).toEqual([]);
    expect(first.peakMb - idleMb).toBeLessThan(GROWTH_MB);
    // A second run of the same flow: the first one's events were let go when it stopped.
    const second = await peakRss(() => runFor(15_000));
    expect(second.result.health.failures).toEqual([]);
    expect(second.peakMb - idleMb).toBeLessThan(GROWTH_MB);
    expect(server.alive()).toBe(true);
    expect((await client.get(id)).body).toEqual(stored);
    console.log(
      `memory: idle ${idleMb.toFixed(0)} MB, peak first run ${first.peakMb.toFixed(0)} MB, second ${second.peakMb.toFixed(0)} MB`,
    );
  }, 120_000);

  it("refuses a deploy past MAX_SERVER_MEMORY_MB with 429 naming it", async () => {
    const client = api(server, "127.0.0.81");
    const manual = () =>
      client.create(
        "Manual",
        graph(
          [producer("p"), topic("orders"), consumer("c")],
          [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
        ),
      );
    const ids = [await manual(), await manual(), await manual()];
    expect((await client.deploy(ids[0])).status).toBe(200);
    expect((await client.deploy(ids[1])).status).toBe(200);
    const refused = await client.deploy(ids[2]);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe(
      `This server keeps at most ${SERVER_MB} MB of events across all runs (MAX_SERVER_MEMORY_MB), and each run may use ${RUN_MB} MB (MAX_RUN_MEMORY_MB): 2 running flows reserve it all. Stop another flow first`,
    );
    for (const id of ids.slice(0, 2)) expect((await client.stop(id)).status).toBe(200);
  }, 60_000);

  it("a view-link client asking for large answers it never reads is refused past 2,000 records, then dropped", async () => {
    const client = api(server, "127.0.0.82");
    const { id, token } = await watchedFlow(client);
    const reader = await realtime(server);
    // One well-behaved request for more than the ceiling is refused, naming it.
    expect(await reader.watch(token, 5000)).toEqual({
      ok: false,
      error: "Malformed message: recent Too big: expected number to be <=2000",
      issues: [{ path: "recent", message: "Too big: expected number to be <=2000" }],
    });
    reader.close();
    const stored = (await client.get(id)).body;
    // ~600 KB answers, ten a second (within the rate limit of 20), never read: once its buffers
    // are full each one is refused, and 50 refusals within 10 s cut the client off.
    const { result, health, peakMb } = await nonReader(token, "127.0.0.83", 100, 300);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThan(300);
    expect(health.failures).toEqual([]);
    expect(peakMb - idleMb).toBeLessThan(GROWTH_MB);
    expect(server.alive()).toBe(true);
    expect((await client.get(id)).body).toEqual(stored);
    expect((await client.stop(id)).status).toBe(200);
    console.log(`watch flood: dropped after ${result.sent} requests`);
  }, 180_000);

  it("a non-reading client asking once a second is dropped once it has left its answers unread for 10 s", async () => {
    const client = api(server, "127.0.0.84");
    const { id, token } = await watchedFlow(client);
    // Far below the 50 refusals in 10 s, so only the rule on sustained slowness can drop it
    // (before it, only the heartbeat did, 45 s or more after it connected). Filling the
    // socket buffers (kernel and server) takes 15-25 answers of ~550 KB; 10 s later it is gone.
    const { result, health, peakMb } = await nonReader(token, "127.0.0.85", 1000, 60);
    expect(result.closed).toBe(true);
    expect(result.sent).toBeLessThanOrEqual(40);
    expect(health.failures).toEqual([]);
    expect(peakMb - idleMb).toBeLessThan(GROWTH_MB);
    expect(server.alive()).toBe(true);
    expect((await client.stop(id)).status).toBe(200);
    console.log(`slow non-reader: dropped after ${result.sent} requests, one a second`);
  }, 120_000);
});

/** A deployed flow holding 1,000 events of 1 KB, and a view link to it. */
async function watchedFlow(client: ReturnType<typeof api>): Promise<{ id: string; token: string }> {
  const payloadTemplate = `{"n": {{seq}}, "note": "${"z".repeat(1000)}"}`;
  const id = await client.create(
    "Watched",
    graph(
      [producer("p", { payloadTemplate }), topic("orders"), consumer("c")],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    ),
  );
  expect((await client.deploy(id)).status).toBe(200);
  const reader = await realtime(server);
  expect(await reader.watch(id, 0)).toMatchObject({ ok: true });
  expect(await reader.control({ flowId: id, action: "fire", nodeId: "p", count: 1000 })).toEqual({
    ok: true,
    value: null,
  });
  reader.close();
  const token = String((await client.call("POST", `/api/flows/${id}/view-link`)).body.token);
  return { id, token };
}

/**
 * A client that asks for 2,000 records by `token` every `everyMs`, up to `max` times, and never
 * reads a byte; stops when the server cuts it off. Watched for health and peak memory.
 */
function nonReader(token: string, from: string, everyMs: number, max: number) {
  return peakRss(() =>
    underAttack(server.base, async () => {
      const raw = await rawWebSocket(server.base, from);
      let closed = false;
      raw.on("error", () => (closed = true));
      raw.on("close", () => (closed = true));
      let sent = 0;
      while (!closed && sent < max) {
        raw.write(frame(`42${sent}["watch",{"flowId":"${token}","recent":2000}]`));
        sent++;
        await new Promise((r) => setTimeout(r, everyMs));
      }
      raw.destroy();
      return { sent, closed };
    }),
  ).then(({ result: attack, peakMb }) => ({ ...attack, peakMb }));
}
