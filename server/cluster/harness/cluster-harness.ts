// The cluster suite's servers: real Eventloom servers (production build) as child processes on
// loopback ports, sharing one PostgreSQL schema and one Redis under a key prefix of their own.
// Tests kill (-9), pause (SIGSTOP) and resume (SIGCONT) them as an operator's bad day would.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { io as connect, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  DeliveryBatch,
  DeliveryRow,
  MetricsSnapshot,
  ServerToClientEvents,
} from "@/lib/realtime/protocol";
import type { FlowGraph } from "@/lib/flow";
import { flowBrokerKey } from "../../brokers/registry";
import { natsAdmin } from "../../brokers/testing/backends";
import { createTestDatabase, type TestDatabase } from "../../db/test-databases";
import { freePort, spawnServer, waitUntilServing } from "../../abuse/harness";

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
export const NATS_URL = process.env.TEST_NATS_URL ?? "nats://127.0.0.1:4222";
/** The lease the suite's servers hold runs with: a dead owner's run moves within it plus 2 s. */
export const LEASE_MS = 3000;

export interface ClusterServer {
  name: string;
  base: string;
  pid: number;
  alive(): boolean;
  stderr(): string;
  kill(signal: NodeJS.Signals): void;
  exited: Promise<void>;
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export async function startCluster(count: number, { leaseMs = LEASE_MS }: { leaseMs?: number } = {}) {
  const prefix = `eventloom-cluster-${randomBytes(5).toString("hex")}:`;
  const database: TestDatabase = await createTestDatabase("postgresql");
  const redis = createClient({ url: REDIS_URL });
  await redis.connect();
  const nats = await natsAdmin(NATS_URL);
  const children: ChildProcess[] = [];
  const clients: Client[] = [];
  const flowKeys: string[] = [];

  async function start(name: string): Promise<ClusterServer> {
    const port = await freePort();
    const child = spawnServer(port, "unused", {
      DATABASE_URL: database.url,
      REDIS_URL,
      NATS_URL,
      CLUSTER_PREFIX: prefix,
      SERVER_ID: name,
      RUN_LEASE_MS: String(leaseMs),
      // Each server is its own consumer in Redis groups (as servers on their own hosts are), and
      // what a killed one held is reclaimed soon.
      BROKER_CONSUMER_NAME: name,
      BROKER_VISIBILITY_TIMEOUT_MS: "2000",
    });
    children.push(child);
    let stderr = "";
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout!.resume();
    let exited = false;
    const exit = new Promise<void>((resolve) =>
      child.once("exit", () => {
        exited = true;
        resolve();
      }),
    );
    const base = `http://127.0.0.1:${port}`;
    await waitUntilServing(
      base,
      () => exited,
      () => stderr,
    );
    return {
      name,
      base,
      pid: child.pid!,
      alive: () => !exited,
      stderr: () => stderr,
      kill: (signal) => void child.kill(signal),
      exited: exit,
    };
  }

  // One at a time: three production servers starting together would only compete for 2 cores.
  const servers: ClusterServer[] = [];
  for (let i = 1; i <= count; i++) servers.push(await start(`s${i}`));

  return {
    prefix,
    servers,
    /** Starts one more server (a replacement for one that was killed, say). */
    async add(name: string) {
      const server = await start(name);
      servers.push(server);
      return server;
    },
    redis,
    /** JetStream's management API (the streams of the flows deployed here are removed on close). */
    jsm: nats.jsm,
    /** The server that holds the run's lease now (null when none does). */
    async owner(flowId: string): Promise<string | null> {
      const held = await redis.get(`${prefix}lease:run:${flowId}`);
      return held === null ? null : held.slice(0, held.lastIndexOf(" "));
    },
    /**
     * Creates `graph` through the first server and deploys it there; resolves once a server owns
     * the run. Its Redis streams are removed at the end.
     */
    async deploy(name: string, graph: FlowGraph) {
      const [first] = servers.filter((s) => s.alive());
      const created = await api<{ id: string }>(first.base, "/api/flows", { name, graph });
      if (created.status !== 201) throw new Error(`create answered ${created.status}`);
      const id = created.body.id;
      const flowKey = flowBrokerKey(id);
      flowKeys.push(flowKey);
      const deployed = await api(first.base, `/api/flows/${id}/deploy`, {});
      if (deployed.status !== 200)
        throw new Error(`deploy answered ${deployed.status}: ${JSON.stringify(deployed.body)}`);
      const ownerName = await until(() => this.owner(id), "a server owns the run", 10_000);
      return { id, flowKey, owner: servers.find((s) => s.name === ownerName)! };
    },
    /** The server that takes the run over from `previous`, once one has. */
    successor(flowId: string, previous: string, ms: number) {
      return until(
        async () => {
          const now = await this.owner(flowId);
          return now !== null && now !== previous ? now : null;
        },
        `another server takes the run over from ${previous}`,
        ms,
      );
    },
    /** Remembers a flow whose Redis streams the suite removes at the end. */
    streamsOf(flowKey: string) {
      flowKeys.push(flowKey);
    },
    /** A browser-like client on `server` that counts every delivery it is sent for `flowId`. */
    async watcher(server: ClusterServer, flowId: string) {
      const socket: Client = connect(server.base, { transports: ["websocket"], forceNew: true });
      clients.push(socket);
      const seen = {
        acked: 0,
        published: 0,
        batches: 0,
        lastAckAt: 0,
        /** When a batch last brought a published event (only a run's owner runs its producers). */
        lastPublishAt: 0,
        /** Every row sent (a sample when more than a batch holds; the tests keep below that). */
        rows: [] as DeliveryRow[],
        metrics: undefined as MetricsSnapshot | undefined,
      };
      socket.on("metrics", (snapshot) => {
        if (snapshot.flowId === flowId) seen.metrics = snapshot;
      });
      socket.on("deliveries", (batch: DeliveryBatch) => {
        if (batch.flowId !== flowId) return;
        seen.batches++;
        seen.rows.push(...batch.rows);
        if (batch.total.acked > 0) seen.lastAckAt = performance.now();
        if (batch.total.published > 0) seen.lastPublishAt = performance.now();
        seen.acked += batch.total.acked;
        seen.published += batch.total.published;
      });
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      const answer = await new Promise<{ ok: boolean }>((resolve) =>
        socket.emit("watch", { flowId, recent: 0 }, resolve as never),
      );
      if (!answer.ok) throw new Error(`could not watch: ${JSON.stringify(answer)}`);
      return seen;
    },
    /** Sends a run control (fire, pause, …) through a socket on `server`; resolves to its answer. */
    async control(server: ClusterServer, request: Record<string, unknown>) {
      const socket: Client = connect(server.base, { transports: ["websocket"], forceNew: true });
      clients.push(socket);
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      // A socket controls the flows it watches with edit access.
      await new Promise((resolve) =>
        socket.emit("watch", { flowId: request.flowId, recent: 0 } as never, resolve),
      );
      const answer = await new Promise<{ ok: boolean; error?: string }>((resolve) =>
        socket.emit("control", request as never, resolve as never),
      );
      socket.disconnect();
      return answer;
    },
    async close() {
      clients.forEach((c) => c.disconnect());
      for (const child of children) {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill("SIGCONT");
          child.kill("SIGKILL");
          await new Promise((resolve) => child.once("exit", resolve));
        }
      }
      const keys: string[] = [];
      for (const pattern of [`${prefix}*`, ...flowKeys.map((k) => `eventloom:${k}:*`)])
        for await (const batch of redis.scanIterator({ MATCH: pattern, COUNT: 500 })) keys.push(...batch);
      if (keys.length > 0) await redis.del(keys);
      await redis.close();
      await nats.removeFlows(flowKeys);
      await nats.close();
      await database.drop();
    },
  };
}
export type TestCluster = Awaited<ReturnType<typeof startCluster>>;

export async function until<T>(
  probe: () => Promise<T | null | undefined | false> | T | null | undefined | false,
  what: string,
  ms: number,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function api<T = unknown>(
  base: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const answer = await fetch(`${base}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: body === undefined ? {} : { "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: answer.status, body: (await answer.json()) as T };
}
