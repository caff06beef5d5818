import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumerKind, producerKind, topicKind, type FlowGraph } from "@/lib/flow";
import {
  OUTCOME_NAMES,
  PROTOCOL_VERSION,
  zeroCounts,
  type Ack,
  type ClientToServerEvents,
  type DeliveryBatch,
  type MetricsSnapshot,
  type ServerToClientEvents,
  type WatchSnapshot,
} from "@/lib/realtime/protocol";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { applyMigrations } from "../db/migrate";
import { flowService } from "../services/flows";
import { runRegistry } from "../services/runs";
import { composeServices } from "../services/use-cases";
import { storageService } from "../services/storage";
import { databaseTarget } from "../db/database-url";
import { attachGateway } from ".";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const dir = mkdtempSync(join(tmpdir(), "eventloom-gateway-"));
applyMigrations(join(dir, "db.sqlite"));
const flows = flowService(flowsRepo(prismaFor(`file:${join(dir, "db.sqlite")}`)));
const runs = runRegistry(flows, {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 100_000,
  maxServerEventsPerSec: 100_000,
  maxPayloadBytes: 262_144,
  historySize: 10_000,
});
const services = composeServices(
  flows,
  runs,
  undefined,
  storageService(
    prismaFor(`file:${join(dir, "db.sqlite")}`),
    databaseTarget(`file:${join(dir, "db.sqlite")}`),
    1 << 30,
  ),
);

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "p",
      kind: "producer",
      position: { x: 0, y: 0 },
      config: { ...producerKind.defaults(), mode: "manual" },
    },
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
  edges: [
    { id: "pub", kind: "publishes", source: "p", target: "t" },
    { id: "sub", kind: "subscribes", source: "t", target: "c" },
  ],
};

let http: HttpServer;
let url: string;
let gateway: ReturnType<typeof attachGateway>;
let flowId: string;
const clients: Client[] = [];
const slowSockets = new Set<string>();

beforeAll(async () => {
  http = createServer();
  gateway = attachGateway(http, services, "test", {
    flushMs: 40,
    rowsPerFlush: 10,
    metricsMs: 150,
    isSlow: (socket) => slowSockets.has(socket.id),
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const created = await flows.create({ name: "Gateway", graph });
  if (!created.ok) throw new Error("could not create the flow");
  flowId = created.value.id;
});

afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  await runs.stopAll(0);
  gateway.close();
  await new Promise((resolve) => http.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

async function client(): Promise<Client> {
  const socket: Client = connect(url, { transports: ["websocket"], forceNew: true });
  clients.push(socket);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return socket;
}
const request = <T>(socket: Client, event: keyof ClientToServerEvents, payload: unknown) =>
  new Promise<Ack<T>>((resolve) =>
    (socket.emit as (e: string, p: unknown, cb: (a: Ack<T>) => void) => void)(event, payload, resolve),
  );
const until = async (condition: () => boolean, ms = 5000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe("the realtime gateway", () => {
  it("greets with the protocol version", async () => {
    const socket: Client = connect(url, { transports: ["websocket"], forceNew: true });
    clients.push(socket);
    const hello = await new Promise((resolve) => socket.once("hello", resolve));
    expect(hello).toEqual({ protocol: PROTOCOL_VERSION, version: "test" });
  });

  it("rejects malformed and unauthorized messages with an error acknowledgement and changes nothing", async () => {
    const socket = await client();
    expect(await request(socket, "watch", { flowId: "AAAAAAAAAAAAAAAAAAAAAA" })).toEqual({
      ok: false,
      error: "No flow with this id: check the link, or create a new flow",
    });
    const bad = await request(socket, "watch", { flowId: 42, extra: true });
    expect(bad).toEqual({
      ok: false,
      error: expect.stringMatching(/^Malformed message: /),
      issues: [
        { path: "flowId", message: "Invalid input: expected string, received number" },
        { path: "(message)", message: "unknown field extra" },
      ],
    });
    expect(await request(socket, "control", { flowId, action: "explode", nodeId: "p" })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Malformed message: action/),
    });
    expect(await request(socket, "control", { flowId, action: "fire", nodeId: "p" })).toEqual({
      ok: false,
      error: "Watch the flow first",
    });
    expect(await request(socket, "control", "not an object")).toMatchObject({ ok: false });
    (socket.emit as (e: string, p: unknown) => void)("control", { flowId }); // no acknowledgement: must not crash the server
    expect(await request<WatchSnapshot>(socket, "watch", { flowId })).toEqual({
      ok: true,
      value: {
        status: { flowId, state: "stopped", version: null, startedAt: null },
        metrics: null,
        recent: [],
      },
    });
    expect(await request(socket, "control", { flowId, action: "fire", nodeId: "p" })).toEqual({
      ok: false,
      error: "The flow has not run yet: deploy it first",
    });
  });

  it("streams batches whose sample and not-sent counts add up exactly to every record", async () => {
    const socket = await client();
    const batches: DeliveryBatch[] = [];
    const statuses: string[] = [];
    socket.on("deliveries", (b) => batches.push(b));
    socket.on("status", (s) => statuses.push(s.state));
    expect((await request(socket, "watch", { flowId })).ok).toBe(true);
    expect((await runs.deploy(flowId)).ok).toBe(true);
    await until(() => statuses.includes("running"));
    expect(await request(socket, "control", { flowId, action: "fire", nodeId: "p", count: 300 })).toEqual({
      ok: true,
      value: null,
    });
    expect(await request(socket, "control", { flowId, action: "fire", nodeId: "nope" })).toEqual({
      ok: false,
      error: "no node 'nope' in this flow",
    });
    expect(await request(socket, "control", { flowId, action: "pause", nodeId: "c" })).toEqual({
      ok: false,
      error: "node 'c' is not a producer",
    });
    const total = zeroCounts();
    await until(() => {
      const sum = zeroCounts();
      for (const b of batches) for (const o of OUTCOME_NAMES) sum[o] += b.total[o];
      Object.assign(total, sum);
      return sum.acked === 300;
    });
    expect(total).toEqual({ ...zeroCounts(), published: 300, delivered: 300, acked: 300 });
    for (const batch of batches) {
      expect(batch.rows.length).toBeLessThanOrEqual(10);
      for (const o of OUTCOME_NAMES)
        expect(batch.rows.filter((r) => r.outcome === o).length + batch.notSent[o]).toBe(batch.total[o]);
      expect(batch.missed).toBe(0);
    }
    const edges = batches.reduce((sum, b) => sum + (b.edges.sub?.count ?? 0), 0);
    expect(edges).toBe(300);
  });

  it("sends metrics snapshots to watchers", async () => {
    const socket = await client();
    await request(socket, "watch", { flowId });
    const metrics = await new Promise<MetricsSnapshot>((resolve) => socket.once("metrics", resolve));
    expect(metrics.flowId).toBe(flowId);
    expect(metrics.nodes.c).toMatchObject({
      kind: "consumer",
      counts: { acked: 300, delivered: 300 },
      lag: 0,
      online: true,
    });
    expect(metrics.nodes.p.counts.published).toBe(300);
  });

  it("gives a late joiner the present: status, metrics and the most recent deliveries", async () => {
    const socket = await client();
    const answer = await request<WatchSnapshot>(socket, "watch", { flowId, recent: 50 });
    if (!answer.ok) throw new Error(answer.error);
    expect(answer.value.status).toMatchObject({ flowId, state: "running", version: 1 });
    expect(answer.value.metrics?.nodes.c.counts.acked).toBe(300);
    expect(answer.value.recent).toHaveLength(50);
    expect(answer.value.recent.at(-1)?.seq).toBe(899);
    const last = answer.value.recent.at(-1)!;
    const event = await request<{ id: string; type: string }>(socket, "event:get", {
      flowId,
      eventId: last.eventId,
    });
    expect(event).toMatchObject({
      ok: true,
      value: { id: last.eventId, type: "order.placed", specversion: "1.0" },
    });
    const trace = await request<{ records: { outcome: string }[]; events: unknown[] }>(socket, "trace:get", {
      flowId,
      eventId: last.eventId,
    });
    expect(trace.ok && trace.value.records.map((r) => r.outcome)).toEqual([
      "published",
      "delivered",
      "acked",
    ]);
    expect(trace.ok && trace.value.events).toHaveLength(1);
    expect(await request(socket, "event:get", { flowId, eventId: "missing" })).toEqual({
      ok: false,
      error: "This event is no longer held (beyond retention and history)",
    });
  });

  it("skips a slow client without holding back the others, then tells it exactly what it missed", async () => {
    const fast = await client();
    const slow = await client();
    const got = { fast: [] as DeliveryBatch[], slow: [] as DeliveryBatch[] };
    fast.on("deliveries", (b) => got.fast.push(b));
    slow.on("deliveries", (b) => got.slow.push(b));
    await request(fast, "watch", { flowId });
    await request(slow, "watch", { flowId });
    const all = (batches: DeliveryBatch[]) =>
      batches.reduce((sum, b) => sum + OUTCOME_NAMES.reduce((s, o) => s + b.total[o], 0), 0);
    slowSockets.add(slow.id!);
    await request(fast, "control", { flowId, action: "fire", nodeId: "p", count: 100 });
    await until(() => all(got.fast) === 300);
    expect(got.slow).toEqual([]);
    slowSockets.delete(slow.id!);
    await request(fast, "control", { flowId, action: "fire", nodeId: "p", count: 10 });
    await until(() => all(got.fast) === 330 && all(got.slow) === 30);
    expect(got.slow.reduce((sum, b) => sum + b.missed, 0)).toBe(300);
    expect(got.fast.every((b) => b.missed === 0)).toBe(true);
  });

  it("announces a stop to watchers, and refuses controls on a stopped run", async () => {
    const socket = await client();
    const statuses: string[] = [];
    socket.on("status", (s) => statuses.push(s.state));
    await request(socket, "watch", { flowId });
    expect((await runs.stop(flowId)).ok).toBe(true);
    await until(() => statuses.includes("stopped"));
    expect(statuses).toEqual(["stopping", "stopped"]);
    expect(await request(socket, "control", { flowId, action: "fire", nodeId: "p" })).toEqual({
      ok: false,
      error: "The flow is not running: deploy it first",
    });
  });
});
