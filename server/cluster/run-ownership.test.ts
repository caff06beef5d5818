import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { runningFlowsRepo } from "../db/running-flows-repo";
import { createTestDatabase, type TestDatabase } from "../db/test-databases";
import { flowService } from "../services/flows";
import { RESUMED, runRegistry, type RunRegistry } from "../services/runs";
import { leaseKeeper } from "./lease-keeper";
import { redisClient, type RedisClient } from "./redis-client";
import { redisLeaseStore } from "./redis-lease-store";
import { leasedRunOwnership } from "./run-ownership";

const LEASE_MS = 600;
const limits = {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 1000,
  maxServerEventsPerSec: 5000,
  maxPayloadBytes: 65536,
  historySize: 1000,
};
const manual = structuredClone(example);
for (const node of manual.nodes) if (node.kind === "producer") node.config.mode = "manual";
const prefix = `eventloom-test-${randomBytes(6).toString("hex")}:`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const realClock = {
  now: () => performance.now(),
  after(ms: number, fn: () => void) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

let database: TestDatabase;
const clients: RedisClient[] = [];
const registries: RunRegistry[] = [];

/** One server of a cluster, as far as runs go: its own Redis connection and run registry over the shared database. */
async function startServer(name: string) {
  const redis = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  redis.on("error", () => {});
  await redis.connect();
  clients.push(redis);
  const store = redisLeaseStore(redis, prefix);
  const ownership = leasedRunOwnership(
    leaseKeeper(store, name, LEASE_MS, realClock),
    async (lease) => (await store.current(lease))?.holder ?? null,
  );
  const db = prismaFor(database.url);
  const flows = flowService(flowsRepo(db));
  const runs = runRegistry(flows, limits, { store: runningFlowsRepo(db), ownership });
  registries.push(runs);
  return { flows, runs, redis };
}

beforeAll(async () => {
  database = await createTestDatabase("postgresql");
});
afterAll(async () => {
  for (const runs of registries) await runs.stopAll(0);
  const cleaner = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  await cleaner.connect();
  const keys = await cleaner.keys(`${prefix}*`);
  if (keys.length > 0) await cleaner.del(keys);
  await cleaner.close();
  for (const client of clients) if (client.isOpen) await client.close();
  await database.drop();
});

describe("run ownership across servers (PostgreSQL + Redis)", () => {
  it("runs a flow on one server only; the others refuse to start it and name the owner", async () => {
    const a = await startServer("server-a");
    const b = await startServer("server-b");
    const created = await a.flows.create({ name: "Shop", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect((await a.runs.deploy(id)).ok).toBe(true);
    expect(await b.runs.deploy(id)).toEqual({
      ok: false,
      status: 409,
      body: { error: "This flow is running on another server (server-a): it is stopped or redeployed there" },
    });
    expect(await b.runs.resumeAll()).toEqual([]);
    expect(b.runs.status(id).state).toBe("stopped");
    await pause(LEASE_MS * 2);
    expect(await b.runs.resumeAll()).toEqual([]);

    // Stopped by hand: the lease is free, nobody resumes it, and any server may deploy it.
    await a.runs.stop(id, 0);
    expect(await b.runs.resumeAll()).toEqual([]);
    expect((await b.runs.deploy(id)).ok).toBe(true);
    await b.runs.stop(id, 0);
  });

  it("when the owner dies, another server takes the run over once its lease runs out; the old owner stops", async () => {
    const a = await startServer("server-c");
    const b = await startServer("server-d");
    const created = await a.flows.create({ name: "Failover", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect((await a.runs.deploy(id)).ok).toBe(true);

    // server-c loses Redis (as a crashed or cut-off server would): its lease is no longer renewed.
    await a.redis.destroy();
    expect(await b.runs.resumeAll()).toEqual([]);
    await pause(LEASE_MS + 300);
    expect(await b.runs.resumeAll()).toEqual([{ flowId: id, ok: true }]);
    expect(b.runs.status(id)).toEqual({
      flowId: id,
      state: "running",
      version: 1,
      startedAt: expect.any(String),
      resumed: RESUMED,
    });
    // Fenced: the old owner found its lease gone and stopped its run without being told.
    expect(a.runs.status(id)).toMatchObject({
      state: "stopped",
      reason: "another server took this run over",
    });
  });

  it("a clean shutdown hands the runs over at once, and they stay recorded as running", async () => {
    const a = await startServer("server-e");
    const b = await startServer("server-f");
    const created = await a.flows.create({ name: "Handover", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    await a.runs.deploy(id);
    await a.runs.stopAll(0);
    expect(await b.runs.resumeAll()).toEqual([{ flowId: id, ok: true }]);
    expect(b.runs.status(id).state).toBe("running");
  });
});
