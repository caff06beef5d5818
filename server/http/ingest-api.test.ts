import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CloudEvent, HTTP } from "cloudevents";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRecord, ViewLink } from "@/lib/api/flows";
import type { IngestKeySummary, IssuedIngestKey } from "@/lib/api/ingest";
import { consumerKind, topicKind, type FlowGraph } from "@/lib/flow";
import { applyMigrations } from "../db/migrate";

// Ingest over real HTTP (the custom server's endpoint) and the key routes, with small caps.
const dir = mkdtempSync(join(tmpdir(), "eventloom-ingest-api-"));
Object.assign(process.env, {
  DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
  MAX_FLOW_EVENTS_PER_SEC: "40",
  MAX_PAYLOAD_BYTES: "2048",
  MAX_INGEST_BODY_BYTES: "8192",
  MAX_INGEST_BATCH: "50",
});
applyMigrations(join(dir, "db.sqlite"));
const flowsRoute = await import("@/app/api/flows/route");
const deploy = await import("@/app/api/flows/[id]/deploy/route");
const stop = await import("@/app/api/flows/[id]/stop/route");
const viewLink = await import("@/app/api/flows/[id]/view-link/route");
const keysRoute = await import("@/app/api/flows/[id]/ingest-keys/route");
const keyRoute = await import("@/app/api/flows/[id]/ingest-keys/[keyId]/route");
const rotateRoute = await import("@/app/api/flows/[id]/ingest-keys/[keyId]/rotate/route");
const { services } = await import("../services/container");
const { ingestServices } = await import("../services/ingest-container");
const { ingestEndpoint } = await import("./ingest-endpoint");

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "t",
      kind: "topic",
      position: { x: 0, y: 0 },
      config: { ...topicKind.defaults(), name: "orders", partitions: 2 },
    },
    {
      id: "c",
      kind: "consumer",
      position: { x: 0, y: 0 },
      config: { ...consumerKind.defaults(), processingMs: { min: 0, max: 0 } },
    },
  ],
  edges: [{ id: "sub", kind: "subscribes", source: "t", target: "c" }],
};
const ctx = (id: string, keyId = "") => ({ params: Promise.resolve({ id, keyId }) });
const post = (body?: unknown) =>
  new Request("http://t/", { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });

let server: Server;
let base: string;
let flow: FlowRecord;
let key: IssuedIngestKey;

const send = (topic: string, init: { key?: string; headers?: Record<string, string>; body: string }) =>
  fetch(`${base}/ingest/topics/${topic}`, {
    method: "POST",
    headers: {
      ...(init.key !== undefined ? { authorization: `Bearer ${init.key}` } : {}),
      ...init.headers,
    },
    body: init.body,
  });
const json = { "content-type": "application/json" };
const published = () => services().runs.run(flow.id)!.metrics({ latency: false }).nodes.t.counts.published;
const issueKey = async (name: string): Promise<IssuedIngestKey> =>
  (await keysRoute.POST(post({ name }), ctx(flow.id))).json();

beforeAll(async () => {
  flow = await (await flowsRoute.POST(post({ name: "Ingest", graph }))).json();
  expect((await deploy.POST(post(), ctx(flow.id))).status).toBe(200);
  key = await issueKey("billing");
  server = createServer((req, res) => {
    if (!ingestEndpoint(ingestServices().ingest, { maxBodyBytes: 8192 })(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await services().runs.stopAll(0);
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("ingest keys", () => {
  it("are shown once, then listed by name and hint only; view links cannot manage them", async () => {
    expect(key.key).toMatch(/^elk_[A-Za-z0-9_-]{43}$/);
    expect(key.hint).toBe(key.key.slice(0, 10));
    const listed: IngestKeySummary[] = await (await keysRoute.GET(post(), ctx(flow.id))).json();
    expect(listed).toEqual([
      {
        id: key.id,
        name: "billing",
        hint: key.hint,
        createdAt: key.createdAt,
        rotatedAt: null,
        lastUsedAt: null,
      },
    ]);
    const link: ViewLink = await (await viewLink.POST(post(), ctx(flow.id))).json();
    expect((await keysRoute.GET(post(), ctx(link.token))).status).toBe(403);
    expect((await keysRoute.POST(post({ name: "x" }), ctx(link.token))).status).toBe(403);
    expect((await keyRoute.DELETE(post(), ctx(link.token, key.id))).status).toBe(403);
    expect((await keysRoute.POST(post({ name: "" }), ctx(flow.id))).status).toBe(400);
  });
});

describe("POST /ingest/topics/:topic", () => {
  it("takes a structured event and answers 202 with its id, partition and offset", async () => {
    const before = published();
    const event = new CloudEvent({
      id: "s-1",
      source: "/billing",
      type: "invoice.paid",
      data: { amount: 3 },
    });
    const message = HTTP.structured(event);
    const response = await send("orders", {
      key: key.key,
      headers: message.headers as Record<string, string>,
      body: message.body as string,
    });
    expect(response.status).toBe(202);
    const answer = await response.json();
    expect(answer).toEqual({
      topic: "orders",
      accepted: [{ id: "s-1", partition: expect.any(Number), offset: expect.any(Number) }],
    });
    expect(published()).toBe(before + 1);
    const stored = services().runs.run(flow.id)!.getEvent("s-1")!;
    expect(stored).toMatchObject({ source: "/billing", type: "invoice.paid", data: { amount: 3 } });
  });

  it("takes binary mode, batches and plain JSON, keeping the traceparent", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const binary = HTTP.binary(
      new CloudEvent({ id: "b-1", source: "/b", type: "t", data: { n: 1 }, traceparent }),
    );
    const r1 = await send("orders", {
      key: key.key,
      headers: binary.headers as Record<string, string>,
      body: JSON.stringify({ n: 1 }),
    });
    expect(r1.status).toBe(202);
    expect(services().runs.run(flow.id)!.getEvent("b-1")!.traceparent).toBe(traceparent);
    const batch = [1, 2, 3].map((n) => ({
      specversion: "1.0",
      id: `k-${n}`,
      source: "/b",
      type: "t",
      data: { n },
    }));
    const r2 = await send("orders", {
      key: key.key,
      headers: { "content-type": "application/cloudevents-batch+json" },
      body: JSON.stringify(batch),
    });
    expect(r2.status).toBe(202);
    expect((await r2.json()).accepted.map((a: { id: string }) => a.id)).toEqual(["k-1", "k-2", "k-3"]);
    const r3 = await send("orders", {
      key: key.key,
      headers: { ...json, traceparent },
      body: '{"plain":true}',
    });
    expect(r3.status).toBe(202);
    const [plain] = (await r3.json()).accepted;
    expect(services().runs.run(flow.id)!.getEvent(plain.id)).toMatchObject({
      source: "/eventloom/ingest/orders",
      data: { plain: true },
      traceparent,
    });
  });

  it("publishes nothing of a batch with a bad item, naming the items", async () => {
    const before = published();
    const response = await send("orders", {
      key: key.key,
      headers: { "content-type": "application/cloudevents-batch+json" },
      body: JSON.stringify([
        { specversion: "1.0", id: "ok", source: "/b", type: "t" },
        { specversion: "1.0", id: "bad", type: "t" },
      ]),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: "1 of 2 events in the batch are not valid CloudEvents; none was published",
      issues: [{ path: "[1].source", message: "is required" }],
      items: [1],
    });
    expect(published()).toBe(before);
  });

  it("answers every refusal with its 4xx", async () => {
    const event = JSON.stringify({ specversion: "1.0", id: "x", source: "/b", type: "t" });
    const structured = { "content-type": "application/cloudevents+json" };
    const noKey = await send("orders", { headers: structured, body: event });
    expect(noKey.status).toBe(401);
    expect(noKey.headers.get("www-authenticate")).toBe('Bearer realm="eventloom-ingest"');
    expect(
      (await send("orders", { key: "elk_" + "A".repeat(43), headers: structured, body: event })).status,
    ).toBe(401);
    const link: ViewLink = await (await viewLink.POST(post(), ctx(flow.id))).json();
    for (const ref of [flow.id, link.token]) {
      const refused = await send("orders", { key: ref, headers: structured, body: event });
      expect(refused.status).toBe(403);
      expect((await refused.json()).error).toMatch(/^This is a flow link, not an ingest key/);
    }
    expect((await send("payments", { key: key.key, headers: structured, body: event })).status).toBe(404);
    expect(
      (await send("orders", { key: key.key, headers: { "content-type": "text/csv" }, body: "a,b" })).status,
    ).toBe(415);
    const invalid = await send("orders", {
      key: key.key,
      headers: structured,
      body: '{"specversion":"1.0"}',
    });
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).issues.map((i: { path: string }) => i.path)).toEqual([
      "id",
      "source",
      "type",
    ]);
    const bigData = JSON.stringify({ text: "x".repeat(3000) });
    expect((await send("orders", { key: key.key, headers: json, body: bigData })).status).toBe(413);
    const bigBody = JSON.stringify({ text: "x".repeat(9000) });
    expect((await send("orders", { key: key.key, headers: json, body: bigBody })).status).toBe(413);
    const tooMany = JSON.stringify(
      Array.from({ length: 51 }, (_, i) => ({ specversion: "1.0", id: `${i}`, source: "/b", type: "t" })),
    );
    expect(
      (
        await send("orders", {
          key: key.key,
          headers: { "content-type": "application/cloudevents-batch+json" },
          body: tooMany,
        })
      ).status,
    ).toBe(413);
  });

  it("answers 429 with Retry-After when the flow's events-per-second cap is reached", async () => {
    // The cap is 40 per second: a batch of 41 can never fit.
    const batch = Array.from({ length: 41 }, (_, i) => ({
      specversion: "1.0",
      id: `cap-${i}`,
      source: "/b",
      type: "t",
    }));
    const before = published();
    const response = await send("orders", {
      key: key.key,
      headers: { "content-type": "application/cloudevents-batch+json" },
      body: JSON.stringify(batch),
    });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(published()).toBe(before);
  });

  it("stops taking a key once it is rotated or revoked; a stopped flow answers 409", async () => {
    const event = JSON.stringify({ n: 1 });
    const second = await issueKey("second");
    expect((await send("orders", { key: second.key, headers: json, body: event })).status).toBe(202);
    const rotated: IssuedIngestKey = await (await rotateRoute.POST(post(), ctx(flow.id, second.id))).json();
    expect(rotated.key).not.toBe(second.key);
    expect(rotated.rotatedAt).not.toBeNull();
    expect((await send("orders", { key: second.key, headers: json, body: event })).status).toBe(401);
    expect((await send("orders", { key: rotated.key, headers: json, body: event })).status).toBe(202);
    expect((await keyRoute.DELETE(post(), ctx(flow.id, second.id))).status).toBe(204);
    expect((await send("orders", { key: rotated.key, headers: json, body: event })).status).toBe(401);
    expect((await keyRoute.DELETE(post(), ctx(flow.id, second.id))).status).toBe(404);
    const listed: IngestKeySummary[] = await (await keysRoute.GET(post(), ctx(flow.id))).json();
    expect(listed.map((k) => k.name)).toEqual(["billing"]);
    expect(listed[0].lastUsedAt).not.toBeNull();
    await stop.POST(post(), ctx(flow.id));
    const stopped = await send("orders", { key: key.key, headers: json, body: event });
    expect(stopped.status).toBe(409);
    expect(await stopped.json()).toEqual({ error: "The flow is not running: deploy it, then send again" });
  });
});
