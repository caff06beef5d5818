import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlowRun, RealTime, type FlowRun } from "../../runtime";
import { consumer, edge, graph, producer, topic } from "../../runtime/testing/flows";
import { REDIS_TEST_URL, deleteRedisKeys, eventually, settle } from "../testing/backends";
import { RedisConnection } from "./connection";

/** Two servers of a cluster reading one consumer group on Redis, each its own share of the partitions. */
describe("a Redis consumer group spread over two servers", () => {
  const namespace = `eltest-${randomBytes(4).toString("hex")}`;
  const connections: RedisConnection[] = [];
  const runs: FlowRun[] = [];
  const flow = graph(
    [producer("p"), topic("orders", { backend: "redis", partitions: 2 }), consumer("c")],
    [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
  );
  /** What each server reads: partition → server; changed by the test as a cluster's split would. */
  const split: Record<"a" | "b", (p: number) => boolean> = { a: (p) => p === 0, b: (p) => p === 1 };

  async function server(name: "a" | "b", role: "owner" | "member") {
    const connection = new RedisConnection({
      url: REDIS_TEST_URL,
      keyPrefix: `${namespace}:`,
      consumerName: name,
      visibilityTimeoutMs: 1000,
    });
    await connection.connect();
    connections.push(connection);
    const time = new RealTime();
    const created = createFlowRun({
      flowId: "run1",
      graph: flow,
      version: 1,
      seed: name === "a" ? 1 : 2,
      role,
      ports: {
        clock: time,
        scheduler: time,
        brokers: { redis: connection.forFlow("spread", "run1", { reads: (p) => split[name](p) }) },
      },
    });
    if (!created.ok) throw new Error(JSON.stringify(created.error));
    created.value.start();
    runs.push(created.value);
    return created.value;
  }
  let a: FlowRun;
  let b: FlowRun;
  beforeAll(async () => {
    a = await server("a", "owner");
    b = await server("b", "member");
  });
  afterAll(async () => {
    await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
    await Promise.all(connections.map((c) => c.close()));
    await deleteRedisKeys(`${namespace}:*`);
  });
  const acked = (run: FlowRun) => run.history.query({ nodeId: "c", outcome: "acked" });

  it("each server delivers only the partitions it reads, and sees the owner's events as its own", async () => {
    await settle(300); // both groups' readers exist before anything is published
    expect(a.fire("p", 10)).toEqual({ ok: true, value: { emitted: 10 } });
    await eventually(
      () => acked(a).length + acked(b).length,
      (n) => n === 10,
    );
    await settle(300);
    expect(acked(a).map((r) => r.partition)).toEqual([0, 0, 0, 0, 0]);
    expect(acked(b).map((r) => r.partition)).toEqual([1, 1, 1, 1, 1]);
    // Published under the same run mark: not "external" on either server.
    expect([...acked(a), ...acked(b)].filter((r) => r.external)).toEqual([]);
  });

  it("follows a new split before its next read: a server left alone reads every partition", async () => {
    split.a = () => true;
    split.b = () => false;
    await settle(1200); // a blocked read of the old split returns within a second
    a.fire("p", 6);
    await eventually(
      () => acked(a).length,
      (n) => n === 11,
    );
    await settle(300);
    const partitions = acked(a)
      .slice(5)
      .map((r) => r.partition)
      .sort();
    expect(partitions).toEqual([0, 0, 0, 1, 1, 1]);
    expect(acked(b)).toHaveLength(5);
  });
});
