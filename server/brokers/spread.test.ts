import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFlowRun, RealTime, type BrokerPorts, type FlowRun } from "../runtime";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { NatsConnection } from "./nats/connection";
import { RedisConnection } from "./redis/connection";
import { NATS_TEST_URL, REDIS_TEST_URL, deleteRedisKeys, eventually, settle } from "./testing/backends";

type Reads = (partition: number) => boolean;

/** One server's connection to the backend: the ports of its run, and what it leaves behind. */
interface Side {
  ports(reads: Reads, member: boolean): BrokerPorts;
  close(): Promise<void>;
}

const namespace = `eltest${randomBytes(4).toString("hex")}`;
const sides = {
  async redis(name: string): Promise<Side> {
    const connection = new RedisConnection({
      url: REDIS_TEST_URL,
      keyPrefix: `${namespace}:`,
      consumerName: name,
      visibilityTimeoutMs: 1000,
    });
    await connection.connect();
    return {
      ports: (reads) => ({ redis: connection.forFlow("spread", "run1", { reads }) }),
      close: () => connection.close(),
    };
  },
  async nats(): Promise<Side> {
    const connection = new NatsConnection({
      url: NATS_TEST_URL,
      subjectPrefix: namespace,
      streamPrefix: namespace.toUpperCase(),
      ackWaitMs: 2000,
    });
    await connection.connect();
    return {
      ports: (reads, member) => ({ nats: connection.forFlow("spread", "run1", { reads, member }) }),
      async close() {
        for await (const name of connection.jsm.streams.names())
          // Both servers see the same streams: whichever closes first removes them.
          if (name.startsWith(`${namespace.toUpperCase()}_`))
            await connection.jsm.streams.delete(name).catch(() => false);
        await connection.close();
      },
    };
  },
};

/** Two servers of a cluster reading one consumer group, each its own share of the partitions. */
describe.each(["redis", "nats"] as const)("a consumer group spread over two servers on %s", (backend) => {
  const opened: Side[] = [];
  const runs: FlowRun[] = [];
  const flow = graph(
    [producer("p"), topic("orders", { backend, partitions: 2 }), consumer("c")],
    [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
  );
  /** What each server reads: partition → server; changed by the test as a cluster's split would. */
  const split: Record<"a" | "b", Reads> = { a: (p) => p === 0, b: (p) => p === 1 };

  async function server(name: "a" | "b", role: "owner" | "member") {
    const side = await sides[backend](name);
    opened.push(side);
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
        brokers: side.ports((p) => split[name](p), role === "member"),
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
    await Promise.all(opened.map((side) => side.close()));
    if (backend === "redis") await deleteRedisKeys(`${namespace}:*`);
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
    await settle(1200); // a blocked read (a fetch) of the old split returns within a second
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
