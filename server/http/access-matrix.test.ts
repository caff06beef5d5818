import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import type { FlowRecord, ViewLink } from "@/lib/api/flows";
import type { Ack } from "@/lib/realtime/protocol";
import { createTestDatabase, testDatabaseKind } from "../db/test-databases";

// Who may do what: every endpoint and every socket control, with the edit id, a view token,
// a token that names nothing, and a revoked (regenerated) view token. SQLite here;
// access-matrix.postgres.test.ts runs the same file against PostgreSQL.
const database = await createTestDatabase(testDatabaseKind());
process.env.DATABASE_URL = database.url;
const flows = await import("@/app/api/flows/route");
const flow = await import("@/app/api/flows/[id]/route");
const revisions = await import("@/app/api/flows/[id]/revisions/route");
const restore = await import("@/app/api/flows/[id]/revisions/[version]/restore/route");
const deploy = await import("@/app/api/flows/[id]/deploy/route");
const stop = await import("@/app/api/flows/[id]/stop/route");
const run = await import("@/app/api/flows/[id]/run/route");
const viewLink = await import("@/app/api/flows/[id]/view-link/route");
const fork = await import("@/app/api/flows/[id]/fork/route");
const produce = await import("@/app/api/flows/[id]/produce/route");
const { services } = await import("../services/container");
const { attachGateway } = await import("../gateway");

const req = (method: string, body?: unknown) =>
  new Request("http://t/", { method, body: body === undefined ? undefined : JSON.stringify(body) });
const ctx = (id: string, extra: Record<string, string> = {}) => ({
  params: Promise.resolve({ id, version: "1", ...extra }),
});
const manual = structuredClone(example);
manual.nodes[0].config.mode = "manual";

let editId: string;
let token: string;
let revoked: string;
const unknown = "Z".repeat(32);
let http: HttpServer;
let url: string;
let gateway: ReturnType<typeof attachGateway>;

beforeAll(async () => {
  const created: FlowRecord = await (await flows.POST(req("POST", { name: "Shared", graph: manual }))).json();
  editId = created.id;
  revoked = ((await (await viewLink.POST(req("POST"), ctx(editId))).json()) as ViewLink).token;
  token = ((await (await viewLink.POST(req("POST"), ctx(editId))).json()) as ViewLink).token;
  expect((await deploy.POST(req("POST"), ctx(editId))).status).toBe(200);
  http = createServer();
  gateway = attachGateway(http, services(), "test", { flushMs: 30, metricsMs: 100 });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await services().runs.stopAll(0);
  gateway.close();
  await new Promise((resolve) => http.close(resolve));
  await database.drop();
});

const endpoints: [string, (ref: string) => Promise<Response>][] = [
  ["GET flow", (ref) => flow.GET(req("GET"), ctx(ref))],
  ["PUT flow", (ref) => flow.PUT(req("PUT", { name: "Renamed", baseVersion: 1 }), ctx(ref))],
  ["GET revisions", (ref) => revisions.GET(req("GET"), ctx(ref))],
  ["POST restore", (ref) => restore.POST(req("POST"), ctx(ref))],
  ["POST name version", (ref) => revisions.POST(req("POST", { label: "Named" }), ctx(ref))],
  ["GET run", (ref) => run.GET(req("GET"), ctx(ref))],
  ["POST deploy", (ref) => deploy.POST(req("POST"), ctx(ref))],
  ["POST stop", (ref) => stop.POST(req("POST"), ctx(ref))],
  ["POST fork", (ref) => fork.POST(req("POST"), ctx(ref))],
  ["POST produce", (ref) => produce.POST(req("POST", { topicId: "orders", data: { hand: true } }), ctx(ref))],
  ["POST view-link", (ref) => viewLink.POST(req("POST"), ctx(ref))],
  ["DELETE view-link", (ref) => viewLink.DELETE(req("DELETE"), ctx(ref))],
  ["DELETE flow", (ref) => flow.DELETE(req("DELETE"), ctx(ref))],
];

describe("REST access", () => {
  it("a view token reads, forks and watches; every write and control is 403", async () => {
    const statuses = Object.fromEntries(
      await Promise.all(
        endpoints
          .filter(([n]) => !n.startsWith("DELETE flow"))
          .map(async ([name, call]) => [name, (await call(token)).status]),
      ),
    );
    expect(statuses).toEqual({
      "GET flow": 200,
      "PUT flow": 403,
      "GET revisions": 200,
      "POST restore": 403,
      "POST name version": 403,
      "GET run": 200,
      "POST deploy": 403,
      "POST stop": 403,
      "POST fork": 201,
      "POST produce": 403,
      "POST view-link": 403,
      "DELETE view-link": 403,
    });
    expect((await flow.DELETE(req("DELETE"), ctx(token))).status).toBe(403);
    const refused = await (await deploy.POST(req("POST"), ctx(token))).json();
    expect(refused).toEqual({
      error: "This is a view-only link: it cannot change or run the flow. Fork it to get a copy of your own",
    });
  });

  it("a viewer never learns the edit id", async () => {
    const seen = await (await flow.GET(req("GET"), ctx(token))).json();
    expect(seen).toMatchObject({ id: token, access: "view", name: "Shared" });
    const runView = await (await run.GET(req("GET"), ctx(token))).text();
    expect(runView).toContain(token);
    expect(runView).not.toContain(editId);
    const copy: FlowRecord = await (await fork.POST(req("POST"), ctx(token))).json();
    expect(copy).toMatchObject({ access: "edit", name: "Copy of Shared", version: 1, graph: manual });
    expect(copy.id).not.toBe(editId);
  });

  it("a token that names nothing, and a revoked one, get 404 on every endpoint", async () => {
    for (const ref of [unknown, revoked]) {
      for (const [name, call] of endpoints) {
        const response = await call(ref);
        expect([name, response.status]).toEqual([name, 404]);
        expect(await response.json()).toEqual({
          error: "This view link is no longer valid: ask for a new one",
        });
      }
    }
  });

  it("the edit id may do everything", async () => {
    expect((await flow.PUT(req("PUT", { name: "Shared", baseVersion: 1 }), ctx(editId))).status).toBe(200);
    expect((await run.GET(req("GET"), ctx(editId))).status).toBe(200);
    expect((await deploy.POST(req("POST"), ctx(editId))).status).toBe(200);
    expect((await produce.POST(req("POST", { topicId: "orders", data: {} }), ctx(editId))).status).toBe(202);
  });
});

type Client = Socket;
const ask = <T>(socket: Client, event: string, payload: unknown) =>
  new Promise<Ack<T>>((resolve) => socket.emit(event, payload, resolve));

describe("socket access", () => {
  it("a viewer watches and reads events, every control is refused, and regenerating the link lets it go", async () => {
    const viewer: Client = connect(url, { transports: ["websocket"], forceNew: true });
    const received: string[] = [];
    viewer.onAny((event, payload) => received.push(JSON.stringify([event, payload])));
    const watch = await ask<{ status: { flowId: string; state: string } }>(viewer, "watch", {
      flowId: token,
    });
    expect(watch).toMatchObject({ ok: true, value: { status: { flowId: token, state: "running" } } });

    const editor: Client = connect(url, { transports: ["websocket"], forceNew: true });
    expect((await ask(editor, "watch", { flowId: editId })).ok).toBe(true);
    expect(
      await ask(editor, "control", { flowId: editId, action: "fire", nodeId: "order-service", count: 3 }),
    ).toEqual({ ok: true, value: null });
    await new Promise((r) => setTimeout(r, 300));

    const controls = [
      { action: "fire", nodeId: "order-service" },
      { action: "pause", nodeId: "order-service" },
      { action: "resume", nodeId: "order-service" },
      { action: "offline", nodeId: "email" },
      { action: "online", nodeId: "email" },
      { action: "replay", nodeId: "email", from: "earliest" },
    ];
    for (const control of controls) {
      expect(await ask(viewer, "control", { flowId: token, ...control })).toEqual({
        ok: false,
        error: "This is a view-only link: it cannot control the run",
      });
    }
    expect(await ask(viewer, "produce", { flowId: token, topicId: "orders", data: { hand: true } })).toEqual({
      ok: false,
      error: "This is a view-only link: it cannot produce events",
    });
    const produced = await ask(editor, "produce", {
      flowId: editId,
      topicId: "orders",
      data: { hand: true },
    });
    expect(produced).toEqual({
      ok: true,
      value: {
        id: expect.any(String),
        topic: "orders",
        partition: expect.any(Number),
        offset: expect.any(Number),
      },
    });
    // Replay to a given offset: the one just produced; past the end, the answer says why; a
    // malformed offset never reaches the run.
    const { partition, offset } = (produced as { value: { partition: number; offset: number } }).value;
    const replayTo = (offset: string) => ({
      flowId: editId,
      action: "replay",
      nodeId: "email",
      from: { offsets: [{ topic: "orders", partition, offset }] },
    });
    expect(await ask(editor, "control", replayTo(String(offset)))).toEqual({ ok: true, value: null });
    expect(await ask(viewer, "control", { ...replayTo(String(offset)), flowId: token })).toEqual({
      ok: false,
      error: "This is a view-only link: it cannot control the run",
    });
    expect(await ask(editor, "control", replayTo(String(offset + 1000)))).toEqual({
      ok: false,
      error: `offset ${offset + 1000} is beyond the end of orders / p${partition} (its last event is at ${offset})`,
    });
    expect(await ask(editor, "control", replayTo("12abc"))).toMatchObject({
      ok: false,
      issues: [
        {
          path: "from.offsets[0].offset",
          message: "must be a log offset, an entry id <ms>-<seq> or a stream sequence",
        },
      ],
    });
    const deliveries = received.filter((r) => r.startsWith('["deliveries"'));
    expect(deliveries.length).toBeGreaterThan(0);
    expect(received.join("\n")).not.toContain(editId);

    const revokedEvent = new Promise((resolve) => viewer.once("revoked", resolve));
    token = ((await (await viewLink.POST(req("POST"), ctx(editId))).json()) as ViewLink).token;
    expect(await revokedEvent).toEqual({
      flowId: expect.any(String),
      message: "This view link is no longer valid: ask for a new one",
    });
    expect(
      await ask(viewer, "event:get", { flowId: watch.ok ? watch.value.status.flowId : "", eventId: "x" }),
    ).toEqual({ ok: false, error: "Watch the flow first" });
    viewer.disconnect();
    editor.disconnect();
  });

  it("no token and a revoked token cannot watch", async () => {
    const stranger: Client = connect(url, { transports: ["websocket"], forceNew: true });
    expect(await ask(stranger, "watch", { flowId: unknown })).toEqual({
      ok: false,
      error: "This view link is no longer valid: ask for a new one",
    });
    expect(await ask(stranger, "watch", { flowId: revoked })).toEqual({
      ok: false,
      error: "This view link is no longer valid: ask for a new one",
    });
    expect(
      await ask(stranger, "control", { flowId: editId, action: "fire", nodeId: "order-service" }),
    ).toEqual({ ok: false, error: "Watch the flow first" });
    stranger.disconnect();
  });
});
