import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRun } from "../../runtime";
import { consumer, edge, graph, producer, topic } from "../../runtime/testing/flows";
import { BUFFER_CAPACITY } from "../fetch-buffer";
import {
  eventually,
  settle,
  startRun,
  type BackendHarness,
  openRedisSuite,
  closeRedisSuite,
  type RedisSuite,
} from "../testing/backends";

/** What only Redis does: streams an outside client can write and read, reclaim of a dead consumer's entries. */
/**
 * The group's pending count once the acknowledgements in flight reached Redis: the run counts
 * a delivery as acked when it decides so, and sends XACK in batches right after.
 */
async function pendingOnceAcksFlushed(client: RedisSuite["client"], stream: string): Promise<number> {
  let pending = (await client.xInfoGroups(stream))[0].pending;
  for (let waited = 0; pending > 0 && waited < 5000; waited += 25) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    pending = (await client.xInfoGroups(stream))[0].pending;
  }
  return pending;
}

describe("Redis Streams topics", () => {
  let harness: BackendHarness;
  let client: RedisSuite["client"];
  const runs: FlowRun[] = [];
  beforeAll(async () => ({ harness, client } = await openRedisSuite({ visibilityTimeoutMs: 300 })));
  afterAll(() => closeRedisSuite({ harness, client }, runs));
  const flow = () =>
    graph(
      [producer("p"), topic("orders", { backend: "redis", partitions: 2 }), consumer("c")],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    );
  const key = (flowKey: string, p: number) => `${harness.namespace}:${flowKey}:orders:${p}`;

  it("writes each partition as a stream of CloudEvents fields an outside client can read", async () => {
    const { run } = startRun(harness, flow(), { flowKey: "out" });
    runs.push(run);
    run.fire("p", 3);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 3,
    );
    const entries = [
      ...((await client.xRange(key("out", 0), "-", "+")) ?? []),
      ...((await client.xRange(key("out", 1), "-", "+")) ?? []),
    ];
    expect(entries).toHaveLength(3);
    expect(entries[0].message).toMatchObject({
      specversion: "1.0",
      type: "order.placed",
      source: "/shop",
      datacontenttype: "application/json",
      hopcount: "0",
    });
    expect(JSON.parse(entries[0].message.data)).toEqual({ n: 1 });
    // Records show each event at its entry id, for publishing and for every delivery step.
    const entryOf = new Map(entries.map((e) => [e.message.id, e.id]));
    const published = run.history.query({ nodeId: "p", outcome: "published" });
    expect(published.map((r) => [r.brokerOffset, r.offset])).toEqual(
      published.map((r) => [entryOf.get(r.eventId), undefined]),
    );
    const acked = run.history.query({ nodeId: "c", outcome: "acked" });
    expect(acked.map((r) => [r.brokerOffset, r.offset, r.external])).toEqual(
      acked.map((r) => [entryOf.get(r.eventId), undefined, undefined]),
    );
    const groups = await client.xInfoGroups(key("out", 0));
    expect(groups.map((g) => [g.name, g.pending])).toEqual([["c", 0]]);
  });

  it("delivers events an outside client adds, and records malformed ones as rejected without stopping", async () => {
    const { run } = startRun(harness, flow(), { flowKey: "in" });
    runs.push(run);
    await settle(200);
    const ext1 = await client.xAdd(key("in", 1), "*", {
      specversion: "1.0",
      id: "ext-1",
      source: "/outside",
      type: "order.imported",
      data: '{"sku":"A-1"}',
    });
    await client.xAdd(key("in", 1), "*", { hello: "world" });
    await client.xAdd(key("in", 0), "*", {
      specversion: "1.0",
      id: "x",
      source: "/o",
      type: "t",
      data: "{nope",
    });
    const ext2 = await client.xAdd(key("in", 0), "*", {
      specversion: "1.0",
      id: "ext-2",
      source: "/outside",
      type: "order.imported",
    });
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 2,
    );
    await settle();
    expect(run.metrics().nodes.c.counts).toMatchObject({ delivered: 2, acked: 2 });
    const acked = run.history.query({ nodeId: "c", outcome: "acked" });
    expect(acked.map((r) => r.eventId).sort()).toEqual(["ext-1", "ext-2"]);
    // Each step of an outside event says so, at the entry id the outside client got back.
    const steps = run.history
      .query({ nodeId: "c" })
      .map((r) => [r.eventId, r.outcome, r.brokerOffset, r.external]);
    expect(steps.sort()).toEqual([
      ["ext-1", "acked", ext1, true],
      ["ext-1", "delivered", ext1, true],
      ["ext-2", "acked", ext2, true],
      ["ext-2", "delivered", ext2, true],
    ]);
    expect(run.getEvent("ext-1")).toMatchObject({
      data: { sku: "A-1" },
      correlationid: "ext-1",
      hopcount: 0,
    });
    const rejected = run.history.query({ nodeId: "orders", outcome: "dropped" }).map((r) => r.reason);
    expect(rejected.sort()).toHaveLength(2);
    expect(rejected[0]).toMatch(/^rejected: data is not JSON \(Expected property name/);
    expect(rejected[1]).toBe("rejected: not a CloudEvent: no specversion");
    expect(run.status).toBe("running");
    expect(await pendingOnceAcksFlushed(client, key("in", 0))).toBe(0);
  });

  it("reclaims entries a dead consumer left pending, with the attempt count continuing", async () => {
    // A consumer that died holding entries on both partitions, delivered once each, never
    // acknowledged. Entry ids are unique per stream only: both streams use the same ones.
    const keys = [key("dead", 0), key("dead", 1)];
    for (const k of keys) {
      await client.xGroupCreate(k, "c", "$", { MKSTREAM: true });
      for (const [n, id] of ["d-1", "d-2"].entries())
        await client.xAdd(k, `1-${n + 1}`, {
          specversion: "1.0",
          id: `${id}${k.slice(-2)}`,
          source: "/o",
          type: "t",
          data: "{}",
        });
      await client.xReadGroup("c", "crashed-worker", [{ key: k, id: ">" }], { COUNT: 10 });
    }
    // Slow enough that one partition's entries are still held while the other's are reclaimed.
    const slow = graph(
      [
        producer("p"),
        topic("orders", { backend: "redis", partitions: 2 }),
        consumer("c", { processingMs: { min: 150, max: 150 } }),
      ],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    );
    const { run } = startRun(harness, slow, { flowKey: "dead" });
    runs.push(run);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 4,
      5000,
    );
    const delivered = run.history.query({ nodeId: "c", outcome: "delivered" });
    expect(delivered.map((r) => [r.eventId, r.attempt, r.brokerOffset]).sort()).toEqual([
      ["d-1:0", 2, "1-1"],
      ["d-1:1", 2, "1-1"],
      ["d-2:0", 2, "1-2"],
      ["d-2:1", 2, "1-2"],
    ]);
    for (const k of keys) expect(await pendingOnceAcksFlushed(client, k)).toBe(0);
  });

  it("entries waiting their turn past the visibility timeout are kept alive, never counted as another delivery", async () => {
    const slow = graph(
      [
        producer("p"),
        topic("orders", { backend: "redis" }),
        consumer("c", { processingMs: { min: 250, max: 250 } }),
      ],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    );
    const { run } = startRun(harness, slow, { flowKey: "wait" });
    runs.push(run);
    await settle(200);
    run.fire("p", 6);
    // The last entry waits about 1.25 s in this server's buffer, four visibility timeouts (300 ms).
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 4,
      5000,
    );
    const counts = (await client.xPendingRange(key("wait", 0), "c", "-", "+", 10)).map((r) =>
      Number(r.deliveriesCounter),
    );
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every((n) => n === 1)).toBe(true);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 6,
      5000,
    );
    const attempts = run.history.query({ nodeId: "c", outcome: "acked" }).map((r) => r.attempt);
    expect(attempts).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it("a backlog larger than the fetch buffer, waiting while the group is offline, is delivered whole", async () => {
    const backlog = graph(
      [
        producer("p"),
        topic("orders", { backend: "redis", retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 } }),
        consumer("c"),
      ],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    );
    const { run } = startRun(harness, backlog, { flowKey: "backlog" });
    runs.push(run);
    await settle(300);
    run.setConsumerOnline("c", false);
    const events = BUFFER_CAPACITY + 1904;
    for (let sent = 0; sent < events; sent += 1000) run.fire("p", Math.min(1000, events - sent));
    await eventually(
      () => run.metrics().nodes.p.counts.published,
      (n) => n === events,
    );
    await settle(500); // the reader fills the buffer while the group is offline
    run.setConsumerOnline("c", true);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === events,
    );
    expect(run.metrics().nodes.c.lostToRetention).toBe(0);
    expect(await pendingOnceAcksFlushed(client, key("backlog", 0))).toBe(0);
  });
});
