import { afterAll, describe, expect, it } from "vitest";
import type { FlowRun } from "../runtime";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { NatsConnection } from "./nats/connection";
import { RedisConnection } from "./redis/connection";
import { MAX_QUEUED_APPENDS, QUEUE_FULL } from "./remote-topic";
import { TcpProxy } from "./testing/tcp-proxy";
import { deleteRedisKeys, eventually, settle, startRun, type BackendHarness } from "./testing/backends";
import { randomBytes } from "node:crypto";

/**
 * A broker that goes away mid-run: the run says so and keeps retrying, events published
 * meanwhile wait, and when the broker is back every published event is acknowledged (at least
 * once: a delivery whose acknowledgement was cut comes again), none lost.
 */
type Made = { harness: BackendHarness; proxy: TcpProxy };

async function redisBehindProxy(): Promise<Made> {
  const proxy = new TcpProxy("127.0.0.1", 6379);
  await proxy.start();
  const namespace = `eltest-outage-${randomBytes(4).toString("hex")}`;
  const connection = new RedisConnection({
    url: `redis://127.0.0.1:${proxy.port}`,
    keyPrefix: `${namespace}:`,
    consumerName: "outage",
    visibilityTimeoutMs: 1000,
  });
  await connection.connect();
  return {
    proxy,
    harness: {
      backend: "redis",
      namespace,
      brokers: (flowKey) => ({ redis: connection.forFlow(flowKey, "outage-run") }),
      async cleanup() {
        await connection.close();
        await deleteRedisKeys(`${namespace}:*`);
      },
    },
  };
}

async function natsBehindProxy(): Promise<Made> {
  const proxy = new TcpProxy("127.0.0.1", 4222);
  await proxy.start();
  const namespace = `eltestoutage${randomBytes(4).toString("hex")}`;
  const connection = new NatsConnection({
    url: `nats://127.0.0.1:${proxy.port}`,
    subjectPrefix: namespace,
    streamPrefix: namespace.toUpperCase(),
    ackWaitMs: 1000,
  });
  await connection.connect();
  return {
    proxy,
    harness: {
      backend: "nats",
      namespace,
      brokers: (flowKey) => ({ nats: connection.forFlow(flowKey, "outage-run") }),
      async cleanup() {
        for await (const name of connection.jsm.streams.names())
          if (name.startsWith(`${namespace.toUpperCase()}_`)) await connection.jsm.streams.delete(name);
        await connection.close();
      },
    },
  };
}

describe.each([
  ["redis", redisBehindProxy],
  ["nats", natsBehindProxy],
] as const)("a broker that goes away mid-run: %s", (backend, make) => {
  let made: Made;
  let run: FlowRun | undefined;
  afterAll(async () => {
    await run?.stop({ graceMs: 0 });
    await made.proxy.restore().catch(() => {});
    await made.harness.cleanup();
    await made.proxy.cut();
  }, 30_000);

  it("says it is unreachable, keeps what was published meanwhile, and loses no event", async () => {
    made = await make();
    ({ run } = startRun(
      made.harness,
      graph(
        [producer("p"), topic("t", { backend, partitions: 2 }), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
      { flowKey: "outage" },
    ));
    const r = run!;
    await settle(300);
    r.fire("p", 20);
    await eventually(
      () => r.metrics().nodes.c.counts.acked,
      (n) => n === 20,
    );
    await made.proxy.cut();
    await eventually(
      () => r.brokerProblems.map((p) => p.backend),
      (b) => b.includes(backend),
      10_000,
    );
    r.fire("p", 10);
    await settle(500);
    expect(r.metrics().nodes.p.counts.published).toBe(20);
    await made.proxy.restore();
    await eventually(
      () => r.brokerProblems.length,
      (n) => n === 0,
      15_000,
    );
    await eventually(
      () => r.metrics().nodes.p.counts.published,
      (n) => n === 30,
      15_000,
    );
    const publishedIds = r.history
      .query({ nodeId: "p", outcome: "published", limit: 100 })
      .map((x) => x.eventId);
    const ackedIds = () =>
      new Set(r.history.query({ nodeId: "c", outcome: "acked", limit: 1000 }).map((x) => x.eventId));
    await eventually(ackedIds, (ids) => publishedIds.every((id) => ids.has(id)), 20_000);
    expect(publishedIds).toHaveLength(30);
    expect(r.status).toBe("running");
  }, 60_000);

  it("keeps at most MAX_QUEUED_APPENDS waiting while the broker is away; the appends past it fail at once, saying why", async () => {
    const r = run!;
    await made.proxy.cut();
    await eventually(
      () => r.brokerProblems.map((p) => p.backend),
      (b) => b.includes(backend),
      10_000,
    );
    const before = r.metrics().nodes.p.counts.published;
    r.fire("p", MAX_QUEUED_APPENDS + 7);
    await eventually(
      () => r.metrics().nodes.p.counts.dropped,
      (n) => n === 7,
      10_000,
    );
    const dropped = r.history.query({ nodeId: "p", outcome: "dropped", limit: 100 });
    expect(dropped.map((x) => x.reason)).toEqual(Array(7).fill(QUEUE_FULL));
    await made.proxy.restore();
    await eventually(
      () => r.metrics().nodes.p.counts.published,
      (n) => n === before + MAX_QUEUED_APPENDS,
      30_000,
    );
    await settle(500);
    expect(r.metrics().nodes.p.counts).toMatchObject({ published: before + MAX_QUEUED_APPENDS, dropped: 7 });
  }, 60_000);
});
