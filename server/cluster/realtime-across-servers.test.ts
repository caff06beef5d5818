import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { io as connect, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type {
  Ack,
  ClientToServerEvents,
  DeliveryBatch,
  MetricsSnapshot,
  RunStatus,
  ServerToClientEvents,
  WatchSnapshot,
} from "@/lib/realtime/protocol";
import { attachGateway } from "../gateway";
import { realtimeAdapter } from "../gateway/realtime-adapter";
import { testCluster, type TestServer } from "./test-cluster";
import { pipeline } from "./harness/flow";

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
/** A manual producer, a topic of 3 partitions and two consumer groups that ack at once. */
const graph = pipeline({ partitions: 3, groups: ["c1", "c2"] });

let cluster: Awaited<ReturnType<typeof testCluster>>;
const https: HttpServer[] = [];
const gateways: ReturnType<typeof attachGateway>[] = [];
const clients: Client[] = [];

/** One server of the cluster with its realtime gateway on a loopback port. */
async function serve(server: TestServer): Promise<string> {
  const http = createServer();
  https.push(http);
  gateways.push(
    attachGateway(http, server.services, "test", {
      flushMs: 50,
      metricsMs: 200,
      cluster: { server: server.name, adapter: realtimeAdapter(server.redis, cluster.prefix) },
    }),
  );
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
}

async function client(url: string): Promise<Client> {
  const socket: Client = connect(url, { transports: ["websocket"], forceNew: true });
  clients.push(socket);
  await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
  return socket;
}
const watch = (socket: Client, flowId: string) =>
  new Promise<Ack<WatchSnapshot>>((resolve) => socket.emit("watch", { flowId, recent: 100 }, resolve));
const until = async (condition: () => boolean, what: string, ms = 10_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not in time: ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** Everything one browser hears about a flow. */
function listen(socket: Client) {
  const heard = {
    published: 0,
    acked: 0,
    rows: 0,
    metrics: [] as MetricsSnapshot[],
    status: [] as RunStatus[],
  };
  socket.on("deliveries", (batch: DeliveryBatch) => {
    heard.acked += batch.total.acked;
    heard.rows += batch.rows.length;
  });
  socket.on("metrics", (m) => heard.metrics.push(m));
  socket.on("status", (s) => heard.status.push(s));
  return heard;
}

beforeAll(async () => {
  cluster = await testCluster();
});
afterAll(async () => {
  clients.forEach((c) => c.disconnect());
  gateways.forEach((g) => g.close());
  await Promise.all(https.map((h) => new Promise((resolve) => h.close(resolve))));
  await cluster.close();
});

describe("one realtime channel across the servers of a cluster", () => {
  it("browsers on every server see the owner's deliveries, metrics and statuses, with the same counts", async () => {
    const [a, b, c] = await Promise.all(["rt-a", "rt-b", "rt-c"].map((n) => cluster.startServer(n)));
    const [urlA, urlB, urlC] = await Promise.all([a, b, c].map(serve));
    const created = await b.services.flows.create({ name: "Across", graph });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect(await a.services.deploy(id)).toMatchObject({ ok: true, value: { state: "running" } });
    expect(a.runs.isRunning(id)).toBe(true);

    const onA = await client(urlA);
    const onB = await client(urlB);
    const onC = await client(urlC);
    const heard = [onA, onB, onC].map(listen);
    for (const socket of [onA, onB, onC])
      expect(await watch(socket, id)).toMatchObject({ ok: true, value: { status: { state: "running" } } });
    // The owner hears the other servers' watchers within a beat (here: at once, on join).
    await new Promise((r) => setTimeout(r, 300));

    const fired = await c.services.control(id, {
      flowId: id,
      action: "fire",
      nodeId: "p",
      count: 40,
    });
    expect(fired).toEqual({ ok: true, value: null });
    // Two groups ack each of the 40 events once: 80 acks, on the browsers of all three servers.
    await until(() => heard.every((h) => h.acked === 80), "every server's browser hears every ack");
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.map((h) => h.acked)).toEqual([80, 80, 80]);
    expect(heard.map((h) => h.rows)).toEqual([heard[0].rows, heard[0].rows, heard[0].rows]);
    await until(() => heard.every((h) => h.metrics.length > 0), "metrics reach every server");
    expect(heard[1].metrics.at(-1)!.flowId).toBe(id);

    expect(await b.services.stop(id)).toMatchObject({ ok: true, value: { state: "stopped" } });
    await until(
      () => heard.every((h) => h.status.some((s) => s.state === "stopped")),
      "the stop reaches every server",
    );
    expect(b.runs.status(id).state).toBe("stopped");
  });

  it("a browser on another server is sent deliveries when nobody on the owner watches", async () => {
    const [a, b] = await Promise.all(["solo-a", "solo-b"].map((n) => cluster.startServer(n)));
    const [, urlB] = await Promise.all([a, b].map(serve));
    const created = await a.services.flows.create({ name: "Elsewhere", graph });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect(await a.runs.deploy(id)).toMatchObject({ ok: true, value: { state: "running" } });
    const onB = await client(urlB);
    const heard = listen(onB);
    expect(await watch(onB, id)).toMatchObject({ ok: true, value: { status: { state: "running" } } });
    await new Promise((r) => setTimeout(r, 300)); // the owner hears that rt-b's browser watches
    expect(await b.services.control(id, { flowId: id, action: "fire", nodeId: "p", count: 10 })).toEqual({
      ok: true,
      value: null,
    });
    await until(() => heard.acked === 20, "the watcher on the other server hears every ack");
    await until(
      () => heard.metrics.at(-1)?.nodes.c1?.counts.acked === 10,
      "metrics with every ack reach the other server",
    );
    expect(heard.metrics.at(-1)!.flowId).toBe(id);
  });

  it("a browser whose connection drops is sent what it missed when it comes back through another server", async () => {
    const [a, b] = await Promise.all(["rec-a", "rec-b"].map((n) => cluster.startServer(n)));
    const [urlA, urlB] = await Promise.all([a, b].map(serve));
    const created = await a.services.flows.create({ name: "Recovered", graph });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect(await a.runs.deploy(id)).toMatchObject({ ok: true });
    // Someone else keeps watching, so the run's batches go on being broadcast (and kept in the
    // stream); with nobody watching, a returning browser catches up from the run's history instead.
    const bystander = await client(urlA);
    expect(await watch(bystander, id)).toMatchObject({ ok: true });
    const first = await client(urlA);
    const before = listen(first);
    expect(await watch(first, id)).toMatchObject({ ok: true });
    await a.services.control(id, { flowId: id, action: "fire", nodeId: "p", count: 5 });
    await until(() => before.acked === 10, "the first connection hears the first acks");
    // Socket.IO keeps a private session id and the offset of the last broadcast heard.
    const { _pid: pid, _lastOffset: offset } = first as unknown as { _pid: string; _lastOffset: string };
    expect(typeof pid).toBe("string");
    first.io.reconnection(false);
    first.io.engine.close(); // the connection drops (not a goodbye): the server keeps the session

    await a.services.control(id, { flowId: id, action: "fire", nodeId: "p", count: 10 });
    await until(
      () => a.runs.run(id)!.metrics().nodes.c2.counts.acked === 15,
      "the run acks while nobody listens",
    );
    await new Promise((r) => setTimeout(r, 200)); // the last window is flushed

    // The same client coming back through the load balancer to the other server: it offers its
    // session id and offset, as Socket.IO's client does on every reconnection.
    const again: Client = connect(urlB, { transports: ["websocket"], forceNew: true, autoConnect: false });
    Object.assign(again, { _pid: pid, _lastOffset: offset });
    clients.push(again);
    const after = listen(again);
    const connected = new Promise<void>((resolve) => again.once("connect", () => resolve()));
    again.connect();
    await connected;
    expect(again.recovered).toBe(true);
    await until(() => after.acked === 20, "the missed acks arrive from the stream");
    await new Promise((r) => setTimeout(r, 200));
    expect(after.acked).toBe(20);
  });
});
