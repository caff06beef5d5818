import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RealTime, createFlowRun, type FlowRun } from "../../runtime";
import { edge, graph, producer, topic } from "../../runtime/testing/flows";
import { FENCED, type PublishFence } from "../fencing";
import { REDIS_TEST_URL, deleteRedisKeys, eventually } from "../testing/backends";
import { RedisConnection } from "./connection";

/** Fencing checked by Redis itself: the appends and the check of the run's lease are one script. */
describe("Redis appends behind the run's fence", () => {
  const prefix = `eltest-fence-${randomBytes(4).toString("hex")}:`;
  const leaseKey = `${prefix}lease:run:F`;
  let connection: RedisConnection;
  let client: ReturnType<typeof createClient>;
  const runs: FlowRun[] = [];
  beforeAll(async () => {
    connection = new RedisConnection({
      url: REDIS_TEST_URL,
      keyPrefix: prefix,
      consumerName: "fence",
      visibilityTimeoutMs: 1000,
    });
    await connection.connect();
    client = createClient({ url: REDIS_TEST_URL });
    await client.connect();
  });
  afterAll(async () => {
    await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
    await client.quit();
    await connection.close();
    await deleteRedisKeys(`${prefix}*`);
  });

  function start(flowKey: string, fence: PublishFence): FlowRun {
    const time = new RealTime();
    const created = createFlowRun({
      flowId: flowKey,
      graph: graph(
        [producer("p"), topic("orders", { backend: "redis", partitions: 2 })],
        [edge("publishes", "p", "orders")],
      ),
      version: 1,
      seed: 7,
      ports: {
        clock: time,
        scheduler: time,
        brokers: { redis: connection.forFlow(flowKey, "run-1", { fence }) },
      },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    created.value.start();
    runs.push(created.value);
    return created.value;
  }
  const stored = async (flowKey: string) =>
    (await client.xLen(`${prefix}${flowKey}:orders:0`)) + (await client.xLen(`${prefix}${flowKey}:orders:1`));
  const outcomes = (run: FlowRun) =>
    run.history.query({ nodeId: "p" }).map((r) => [r.outcome, r.reason ?? null]);

  it("writes while the lease key holds this server's value", async () => {
    await client.set(leaseKey, "s1 7");
    const run = start("held", { holds: () => true, stored: { key: leaseKey, value: "s1 7" } });
    run.fire("p", 5);
    await eventually(
      () => run.metrics().nodes.orders.counts.published,
      (n) => n === 5,
    );
    expect(await stored("held")).toBe(5);
    expect(outcomes(run)).toEqual(Array(5).fill(["published", null]));
  });

  it("writes nothing once another server holds the lease, even when this server still believes it holds it", async () => {
    // As after a pause: the local check passed before the server stopped, the batch was queued,
    // and meanwhile the lease ran out and another server took it with a newer token.
    await client.set(leaseKey, "s2 8");
    const run = start("stale", { holds: () => true, stored: { key: leaseKey, value: "s1 7" } });
    run.fire("p", 5);
    await eventually(
      () => run.metrics().nodes.p.counts.dropped,
      (n) => n === 5,
    );
    expect(await stored("stale")).toBe(0);
    expect(outcomes(run)).toEqual(Array(5).fill(["dropped", FENCED]));
  });

  it("writes nothing when the lease is gone altogether", async () => {
    await client.del(leaseKey);
    const run = start("gone", { holds: () => true, stored: { key: leaseKey, value: "s1 7" } });
    run.fire("p", 3);
    await eventually(
      () => run.metrics().nodes.p.counts.dropped,
      (n) => n === 3,
    );
    expect(await stored("gone")).toBe(0);
  });

  it("checks the local fence first: a server that knows it lost the run sends nothing to Redis", async () => {
    await client.set(leaseKey, "s1 7");
    const run = start("lost", { holds: () => false, stored: { key: leaseKey, value: "s1 7" } });
    run.fire("p", 4);
    await eventually(
      () => run.metrics().nodes.p.counts.dropped,
      (n) => n === 4,
    );
    expect(await stored("lost")).toBe(0);
    expect(outcomes(run)).toEqual(Array(4).fill(["dropped", FENCED]));
  });
});
