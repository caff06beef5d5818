// Test support: several servers of one cluster in one process, each with its own Redis
// connections, leases, requests between servers and use cases, over one PostgreSQL schema and
// a key prefix of their own (removed by close()).
import { randomBytes } from "node:crypto";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { runningFlowsRepo } from "../db/running-flows-repo";
import { createTestDatabase, type TestDatabase } from "../db/test-databases";
import { flowService } from "../services/flows";
import { ingestKeysRepo } from "../db/ingest-keys-repo";
import { ingestService, type IngestService } from "../services/ingest";
import { ingestKeyService, type IngestKeyService } from "../services/ingest-keys";
import { runRegistry, type RunLimits, type RunRegistry } from "../services/runs";
import { composeServices, type Services } from "../services/use-cases";
import type { DocCluster } from "./doc-relay";
import { leaseKeeper } from "./lease-keeper";
import type { LeaseStore } from "./lease-store";
import { clusterMembers } from "./members";
import { clusterPlacement, type ClusterCaps } from "./placement";
import { redisClient, type RedisClient } from "./redis-client";
import { redisLeaseStore } from "./redis-lease-store";
import { answerRoutedCalls } from "./routed-run-use-cases";
import { isFlowEdit } from "./routed-flow-edits";
import { serverRpc, type ServerRpc } from "./rpc";
import { leasedRunOwnership } from "./run-ownership";

export const TEST_LIMITS: RunLimits = {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 1000,
  maxServerEventsPerSec: 5000,
  maxPayloadBytes: 65536,
  historySize: 1000,
};
/** Document leases of the test servers: short, so a dead holder's documents come back soon. */
export const DOC_LEASE_MS = 1500;
const realClock = {
  now: () => performance.now(),
  after(ms: number, fn: () => void) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

export interface TestServer {
  name: string;
  services: Services;
  runs: RunRegistry;
  /** HTTP ingest as the server's endpoint carries it out, and the ingest keys it verifies. */
  ingest: IngestService;
  keys: IngestKeyService;
  rpc: ServerRpc;
  /** Co-editing across the servers (document leases live DOC_LEASE_MS). */
  docs: DocCluster;
  /** This server dies as if killed: it stops sending and answering requests and renewing its document leases. */
  crash(): Promise<void>;
  /** A Redis connection of this server's own (the Socket.IO adapter takes one). */
  redis: RedisClient;
  beat(): Promise<void>;
}

export async function testCluster(
  limits: RunLimits = TEST_LIMITS,
  caps: Omit<ClusterCaps, "maxFlowEventsPerSec"> = { maxRunningFlows: 100, maxEventsPerSec: 1_000_000 },
) {
  const prefix = `eventloom-test-${randomBytes(6).toString("hex")}:`;
  const database: TestDatabase = await createTestDatabase("postgresql");
  const clients: RedisClient[] = [];
  const rpcs: ServerRpc[] = [];
  const registries: RunRegistry[] = [];
  const connect = async () => {
    const redis = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
    await redis.connect();
    clients.push(redis);
    return redis;
  };

  async function startServer(name: string): Promise<TestServer> {
    const redis = await connect();
    const store = redisLeaseStore(redis, prefix);
    const ownership = leasedRunOwnership(
      leaseKeeper(store, name, 5000, realClock),
      async (lease) => (await store.current(lease))?.holder ?? null,
    );
    const members = clusterMembers(redis, prefix, 10_000);
    const placement = clusterPlacement(members, store, name, {
      maxRunningFlows: caps.maxRunningFlows,
      maxEventsPerSec: caps.maxEventsPerSec,
      maxFlowEventsPerSec: limits.maxFlowEventsPerSec,
    });
    let answer: (method: string, params: unknown) => Promise<unknown> = async () => undefined;
    let answerDocs: (method: string, params: unknown) => Promise<unknown> = async () => undefined;
    let answerEdits: (method: string, params: unknown) => Promise<unknown> = async () => undefined;
    const rpc = await serverRpc(redis, prefix, name, (method, params) =>
      method.startsWith("doc.")
        ? answerDocs(method, params)
        : isFlowEdit(method)
          ? answerEdits(method, params)
          : answer(method, params),
    );
    rpcs.push(rpc);
    let dead = false;
    const alive = <T>(act: () => Promise<T>) => (dead ? Promise.reject(new Error("dead")) : act());
    const docStore: LeaseStore = {
      tryAcquire: (...args) => alive(() => store.tryAcquire(...args)),
      renew: (...args) => alive(() => store.renew(...args)),
      release: (...args) => alive(() => store.release(...args)),
      current: (...args) => alive(() => store.current(...args)),
    };
    const docs: DocCluster = {
      self: name,
      ownership: leasedRunOwnership(
        leaseKeeper(docStore, name, DOC_LEASE_MS, realClock),
        async (lease) => (await docStore.current(lease))?.holder ?? null,
        "doc",
      ),
      call: (target, method, params) => alive(() => rpc.call(target, method, params)),
      answer: (handler) => void (answerDocs = handler),
      answerEdits: (handler) => void (answerEdits = handler),
      leaseMs: DOC_LEASE_MS,
    };
    const db = prismaFor(database.url);
    const flows = flowService(flowsRepo(db));
    const runs = runRegistry(flows, limits, { store: runningFlowsRepo(db), ownership });
    registries.push(runs);
    const services: Services = composeServices(flows, runs, {
      route: {
        self: name,
        ownerOf: (flowId) => ownership.owner(flowId),
        placeNew: (eventsPerSec) => placement.place(eventsPerSec),
        call: (target, method, args) => rpc.call(target, method, args),
      },
      answerWith: (local) => void (answer = answerRoutedCalls(local)),
      docs,
    });
    const keys = ingestKeyService(ingestKeysRepo(db), flows);
    const ingest = ingestService(
      keys,
      runs,
      { maxPayloadBytes: limits.maxPayloadBytes, maxBatch: 100 },
      services.ingest,
    );
    const beat = () => members.beat({ server: name, ...runs.load() });
    await beat();
    const crash = async () => {
      dead = true;
      await rpc.close();
    };
    return { name, services, runs, ingest, keys, rpc, docs, crash, redis: await connect(), beat };
  }

  return {
    prefix,
    startServer,
    async close() {
      for (const runs of registries) await runs.stopAll(0);
      for (const rpc of rpcs) await rpc.close().catch(() => {});
      const keys = await clients[0].keys(`${prefix}*`);
      if (keys.length > 0) await clients[0].del(keys);
      for (const client of clients) await client.close().catch(() => {});
      await database.drop();
    },
  };
}
