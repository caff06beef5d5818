import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { runningFlowsRepo } from "../db/running-flows-repo";
import { createTestDatabase, type TestDatabase } from "../db/test-databases";
import { flowService } from "../services/flows";
import { runRegistry, type RunRegistry } from "../services/runs";
import { composeServices, type Services } from "../services/use-cases";
import { leaseKeeper } from "./lease-keeper";
import { clusterMembers, leastLoaded } from "./members";
import { redisClient, type RedisClient } from "./redis-client";
import { redisLeaseStore } from "./redis-lease-store";
import { answerRoutedCalls } from "./routed-run-use-cases";
import { serverRpc, type ServerRpc } from "./rpc";
import { leasedRunOwnership } from "./run-ownership";

const limits = {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 1000,
  maxServerEventsPerSec: 5000,
  maxPayloadBytes: 65536,
  historySize: 1000,
};
const manual = structuredClone(example);
for (const node of manual.nodes) if (node.kind === "producer") node.config.mode = "manual";
const producerId = manual.nodes.find((n) => n.kind === "producer")!.id;
const prefix = `eventloom-test-${randomBytes(6).toString("hex")}:`;
const realClock = {
  now: () => performance.now(),
  after(ms: number, fn: () => void) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};

let database: TestDatabase;
const clients: RedisClient[] = [];
const rpcs: ServerRpc[] = [];
const registries: RunRegistry[] = [];

/** One server of a cluster: Redis connection, leases, requests between servers, and its use cases. */
async function startServer(name: string) {
  const redis = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
  await redis.connect();
  clients.push(redis);
  const store = redisLeaseStore(redis, prefix);
  const ownership = leasedRunOwnership(
    leaseKeeper(store, name, 5000, realClock),
    async (lease) => (await store.current(lease))?.holder ?? null,
  );
  const members = clusterMembers(redis, prefix, 10_000);
  let answer: (method: string, params: unknown) => Promise<unknown> = async () => undefined;
  const rpc = await serverRpc(redis, prefix, name, (method, params) => answer(method, params));
  rpcs.push(rpc);
  const db = prismaFor(database.url);
  const flows = flowService(flowsRepo(db));
  const runs = runRegistry(flows, limits, { store: runningFlowsRepo(db), ownership });
  registries.push(runs);
  const services: Services = composeServices(flows, runs, {
    route: {
      self: name,
      ownerOf: (flowId) => ownership.owner(flowId),
      placeNew: async () => leastLoaded(await members.list())?.server ?? name,
      call: (target, method, args) => rpc.call(target, method, args),
    },
    answerWith: (local) => void (answer = answerRoutedCalls(local)),
  });
  await members.beat({ server: name, ...runs.load() });
  return { services, runs, rpc, beat: () => members.beat({ server: name, ...runs.load() }) };
}

beforeAll(async () => {
  database = await createTestDatabase("postgresql");
});
afterAll(async () => {
  for (const runs of registries) await runs.stopAll(0);
  for (const rpc of rpcs) await rpc.close().catch(() => {});
  const keys = await clients[0].keys(`${prefix}*`);
  if (keys.length > 0) await clients[0].del(keys);
  for (const client of clients) await client.close();
  await database.drop();
});

describe("run use cases routed to the run's owner", () => {
  it("deploy, control, status and stop work through any server; the run happens on one", async () => {
    const a = await startServer("route-a");
    const b = await startServer("route-b");
    const created = await b.services.flows.create({ name: "Shop", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;

    // Both servers are idle: the new run goes to the least loaded by name, route-a.
    const deployed = await b.services.deploy(id);
    expect(deployed).toMatchObject({ ok: true, value: { flowId: id, state: "running", version: 1 } });
    expect([a.runs.status(id).state, b.runs.status(id).state]).toEqual(["running", "stopped"]);

    const fired = await b.services.control(id, { flowId: id, action: "fire", nodeId: producerId, count: 3 });
    expect(fired).toEqual({ ok: true, value: null });
    expect(a.runs.run(id)!.metrics().nodes[producerId].counts.published).toBe(3);

    const view = await b.services.runView(id);
    expect(view).toMatchObject({ ok: true, value: { status: { flowId: id, state: "running", version: 1 } } });

    await a.beat();
    await b.beat();
    expect(await b.services.stop(id)).toMatchObject({ ok: true, value: { state: "stopped" } });
    expect(a.runs.status(id).state).toBe("stopped");
  });

  it("answers 503 naming the owner when it does not answer, and never starts a second run", async () => {
    const c = await startServer("route-c");
    const d = await startServer("route-d");
    const created = await c.services.flows.create({ name: "Lonely", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect((await c.runs.deploy(id)).ok).toBe(true);
    await c.rpc.close(); // route-c still holds the lease but no longer answers
    expect(
      await d.services.control(id, { flowId: id, action: "fire", nodeId: producerId, count: 1 }),
    ).toEqual({
      ok: false,
      status: 503,
      body: {
        error:
          "The server running this flow (route-c) did not answer: try again in a few seconds, another server takes its runs over if it is gone",
      },
    });
    expect(await d.services.deploy(id)).toMatchObject({ ok: false, status: 409 });
    expect(d.runs.status(id).state).toBe("stopped");
  });
});
