import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { lookup } from "node:dns";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEvent } from "@/lib/events";
import { consumer, countsOf, edge, graph, producer, topic } from "../runtime/testing/flows";
import { RealTime } from "../runtime";
import { refusedAddress } from "./address-policy";
import { nodeWebhookClient, retryAfterMs } from "./http-client";

const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const event = createEvent({
  id: "evt-1",
  source: "/shop",
  type: "order.placed",
  timeMs: 0,
  data: { total: 12 },
});

/** A local receiver whose answer per request is scripted by path. */
interface Received {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
}
const received: Received[] = [];
const counters = new Map<string, number>();
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = req.url ?? "/";
      received.push({ path, headers: req.headers, body });
      const n = (counters.get(path) ?? 0) + 1;
      counters.set(path, n);
      if (path === "/ok")
        return res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
      if (path === "/big") return res.writeHead(200).end("x".repeat(5000));
      if (path === "/gone") return res.writeHead(410).end("gone for good");
      if (path === "/redirect") return res.writeHead(302, { location: `${base}/ok` }).end();
      if (path === "/slow") return; // never answers: the client's timeout ends it
      if (path === "/limited") return res.writeHead(429, { "retry-after": "1" }).end();
      if (path.startsWith("/flaky")) {
        // Fails twice, then acks.
        return n <= 2 ? res.writeHead(503).end("busy") : res.writeHead(204).end();
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const client = nodeWebhookClient({ allowHosts: ["127.0.0.1"] });
const deliver = (path: string, extra: Partial<Parameters<typeof client.deliver>[0]> = {}) =>
  client.deliver({
    url: `${base}${path}`,
    headers: [["X-Team", "billing"]],
    event,
    timeoutMs: 300,
    ...extra,
  });

describe("the Node webhook client", () => {
  it("POSTs in CloudEvents binary mode, signed so a Standard Webhooks receiver verifies it", async () => {
    const outcome = await deliver("/ok", { secret: SECRET });
    expect(outcome).toMatchObject({ status: 200, response: '{"ok":true}' });
    const got = received.find((r) => r.path === "/ok")!;
    expect(got.headers).toMatchObject({
      "ce-specversion": "1.0",
      "ce-id": "evt-1",
      "ce-source": "/shop",
      "ce-type": "order.placed",
      "content-type": "application/json",
      "x-team": "billing",
      "webhook-id": "evt-1",
    });
    expect(JSON.parse(got.body)).toEqual({ total: 12 });
    const verified = new Webhook(SECRET).verify(got.body, {
      "webhook-id": String(got.headers["webhook-id"]),
      "webhook-timestamp": String(got.headers["webhook-timestamp"]),
      "webhook-signature": String(got.headers["webhook-signature"]),
    });
    expect(verified).toEqual({ total: 12 });
    expect(() =>
      new Webhook(SECRET).verify(got.body + " ", {
        "webhook-id": String(got.headers["webhook-id"]),
        "webhook-timestamp": String(got.headers["webhook-timestamp"]),
        "webhook-signature": String(got.headers["webhook-signature"]),
      }),
    ).toThrow();
  });

  it("keeps the first 1 KB of an answer, does not follow redirects, reads Retry-After", async () => {
    const big = await deliver("/big");
    expect(big.response).toBe("x".repeat(1024));
    const redirect = await deliver("/redirect");
    expect(redirect.status).toBe(302);
    expect(received.filter((r) => r.path === "/ok")).toHaveLength(1);
    expect(await deliver("/limited")).toMatchObject({ status: 429, retryAfterMs: 1000 });
    expect(retryAfterMs("Wed, 21 Oct 2015 07:28:05 GMT", Date.parse("Wed, 21 Oct 2015 07:28:00 GMT"))).toBe(
      5000,
    );
    expect(retryAfterMs("soon", 0)).toBeUndefined();
  });

  it("ends a call that hangs past the timeout, and reports connection errors", async () => {
    const slow = await deliver("/slow", { timeoutMs: 150 });
    expect(slow).toMatchObject({ status: null, error: "timeout after 150 ms" });
    expect(slow.durationMs).toBeGreaterThanOrEqual(140);
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await client.deliver({
      url: `http://127.0.0.1:${port}/`,
      headers: [],
      event,
      timeoutMs: 1000,
    });
    expect(refused).toMatchObject({ status: null, error: expect.stringMatching(/ECONNREFUSED/) });
    expect(refused.refused).toBeUndefined();
  });
});

describe("server-side request forgery", () => {
  it("classifies each refused address class", () => {
    expect(refusedAddress("127.0.0.1")).toBe("127.0.0.1 is a loopback address");
    expect(refusedAddress("::1")).toBe("::1 is a loopback address");
    expect(refusedAddress("::ffff:127.0.0.1")).toBe("::ffff:127.0.0.1 is a loopback address");
    expect(refusedAddress("10.1.2.3")).toBe("10.1.2.3 is a private address");
    expect(refusedAddress("172.20.0.1")).toBe("172.20.0.1 is a private address");
    expect(refusedAddress("192.168.1.1")).toBe("192.168.1.1 is a private address");
    expect(refusedAddress("fd12::1")).toBe("fd12::1 is a private address");
    expect(refusedAddress("169.254.10.1")).toBe("169.254.10.1 is a link-local address");
    expect(refusedAddress("fe80::1")).toBe("fe80::1 is a link-local address");
    expect(refusedAddress("224.0.0.251")).toBe("224.0.0.251 is a multicast address");
    expect(refusedAddress("ff02::1")).toBe("ff02::1 is a multicast address");
    expect(refusedAddress("169.254.169.254")).toBe("169.254.169.254 is a cloud metadata address");
    expect(refusedAddress("fd00:ec2::254")).toBe("fd00:ec2::254 is a cloud metadata address");
    expect(refusedAddress("0.0.0.0")).toBe("0.0.0.0 is an unspecified address");
    expect(refusedAddress("93.184.216.34")).toBeNull();
    expect(refusedAddress("2606:4700::1111")).toBeNull();
  });

  it("refuses literal addresses of every class before connecting, unless the host is allowed", async () => {
    const strict = nodeWebhookClient();
    for (const host of [
      "127.0.0.1",
      "[::1]",
      "10.0.0.1",
      "169.254.169.254",
      "[fe80::1]",
      "224.0.0.1",
      "0.0.0.0",
    ]) {
      const outcome = await strict.deliver({ url: `http://${host}:9/`, headers: [], event, timeoutMs: 500 });
      expect(outcome, host).toMatchObject({ status: null, refused: true });
    }
    expect((await deliver("/ok")).status).toBe(200); // 127.0.0.1 is in this client's allow list
  });

  it("checks the address a name resolves to at connection time (a name resolving to 127.0.0.1 is refused)", async () => {
    const port = (server.address() as AddressInfo).port;
    const resolvesToLoopback = ((_name: string, _opts: object, cb: (e: null, a: unknown) => void) =>
      cb(null, [{ address: "127.0.0.1", family: 4 }])) as unknown as typeof lookup;
    const before = received.length;
    const strict = nodeWebhookClient({ lookup: resolvesToLoopback });
    const outcome = await strict.deliver({
      url: `http://rebind.example:${port}/ok`,
      headers: [],
      event,
      timeoutMs: 500,
    });
    expect(outcome).toMatchObject({
      status: null,
      refused: true,
      error: "rebind.example resolves to a loopback address (127.0.0.1)",
    });
    expect(received.length).toBe(before);
    // Listed in WEBHOOK_ALLOW_HOSTS, the same name connects.
    const allowed = nodeWebhookClient({ lookup: resolvesToLoopback, allowHosts: ["rebind.example"] });
    expect(
      (await allowed.deliver({ url: `http://rebind.example:${port}/ok`, headers: [], event, timeoutMs: 500 }))
        .status,
    ).toBe(200);
  });
});

describe("a webhook consumer with the Node client against a local receiver", () => {
  it("retries the flaky receiver to an ack, and dead-letters a 410 at once, with exact counts", async () => {
    const clock = new RealTime();
    const flow = (path: string) =>
      graph(
        [
          producer("p"),
          topic("orders"),
          consumer("hook", {
            action: "webhook",
            webhookUrl: `${base}${path}`,
            webhookSecret: SECRET,
            retry: { maxAttempts: 5, backoff: "fixed", initialDelayMs: 20, maxDelayMs: 20 },
          }),
          topic("dlq"),
        ],
        [
          edge("publishes", "p", "orders"),
          edge("subscribes", "orders", "hook"),
          edge("dead-letters", "hook", "dlq"),
        ],
      );
    const { createFlowRun } = await import("../runtime");
    const run = (path: string) => {
      const created = createFlowRun({
        flowId: "wh",
        graph: flow(path),
        version: 1,
        seed: 1,
        ports: { clock, scheduler: clock, webhooks: client },
      });
      if (!created.ok) throw new Error(created.error.message);
      created.value.start();
      return created.value;
    };
    const flaky = run("/flaky-run");
    flaky.fire("p", 1);
    await expect.poll(() => countsOf(flaky, "hook").acked ?? 0, { timeout: 5000 }).toBe(1);
    expect(countsOf(flaky, "hook")).toEqual({ delivered: 3, failed: 2, "retry-scheduled": 2, acked: 1 });
    expect(counters.get("/flaky-run")).toBe(3);
    const gone = run("/gone");
    gone.fire("p", 1);
    await expect.poll(() => countsOf(gone, "hook")["dead-lettered"] ?? 0, { timeout: 5000 }).toBe(1);
    expect(countsOf(gone, "hook")).toEqual({ delivered: 1, failed: 1, "dead-lettered": 1, published: 1 });
    const letter = gone.history.query({ nodeId: "hook", outcome: "failed" })[0];
    expect(letter.http).toMatchObject({ status: 410, response: "gone for good" });
    await flaky.stop({ graceMs: 0 });
    await gone.stop({ graceMs: 0 });
    clock.clear();
  });
});
