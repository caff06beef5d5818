import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopicBackend } from "@/lib/flow";
import type { FlowRun } from "../runtime";
import { fnv1a } from "../runtime/random";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import {
  embeddedHarness,
  eventually,
  natsHarness,
  redisHarness,
  settle,
  startRun,
  type BackendHarness,
} from "./testing/backends";

/**
 * The delivery rules every broker behind the runtime's port must keep, with exact counts.
 * The same tests run against the embedded broker, Redis Streams and NATS JetStream, each in
 * its own namespace (key prefix, stream names) that is removed afterwards.
 */
const harnesses: [TopicBackend, () => Promise<BackendHarness>][] = [
  ["embedded", embeddedHarness],
  ["redis", () => redisHarness()],
  ["nats", () => natsHarness()],
];

const counts = (run: FlowRun, nodeId: string) =>
  Object.fromEntries(Object.entries(run.metrics().nodes[nodeId].counts).filter(([, n]) => n > 0));
const acked = (run: FlowRun, nodeId: string) => run.metrics().nodes[nodeId].counts.acked;

describe.each(harnesses)("broker contract: %s", (backend, makeHarness) => {
  let harness: BackendHarness;
  const runs: FlowRun[] = [];
  let flowNo = 0;
  beforeAll(async () => {
    harness = await makeHarness();
  });
  afterAll(async () => {
    await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
    await harness.cleanup();
  });
  const t = (id: string, config: Parameters<typeof topic>[1] = {}) => topic(id, { backend, ...config });
  const start = (g: unknown, options: Parameters<typeof startRun>[2] = {}) => {
    const started = startRun(harness, g, { flowKey: `f${++flowNo}`, ...options });
    runs.push(started.run);
    return started.run;
  };

  it("keeps order per partition key and spreads keys by a stable hash", async () => {
    const run = start(
      graph(
        [
          producer("p", {
            payloadTemplate: '{"customer":"{{pick:alice|bob|carol|dave|erin}}","n":{{seq}}}',
            partitionKeyPath: "customer",
          }),
          t("orders", { partitions: 4 }),
          consumer("c", { concurrency: 2 }),
        ],
        [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
      ),
    );
    run.fire("p", 60);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 60,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 60, acked: 60 });
    const seen = new Map<string, number[]>();
    for (const r of run.history.query({ nodeId: "c", outcome: "acked", limit: 1000 })) {
      const data = run.getEvent(r.eventId)?.data as { customer: string; n: number };
      expect(r.partition).toBe(fnv1a(data.customer) % 4);
      seen.set(data.customer, [...(seen.get(data.customer) ?? []), data.n]);
    }
    for (const ns of seen.values()) expect(ns).toEqual([...ns].sort((a, b) => a - b));
    expect([...seen.values()].flat()).toHaveLength(60);
  });

  it("fans out to every group; workers of one group share the partitions", async () => {
    const run = start(
      graph(
        [producer("p"), t("t", { partitions: 3 }), consumer("g1", { concurrency: 3 }), consumer("g2")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "g1"), edge("subscribes", "t", "g2")],
      ),
    );
    run.fire("p", 30);
    await eventually(
      () => [acked(run, "g1"), acked(run, "g2")],
      ([a, b]) => a === 30 && b === 30,
    );
    await settle();
    expect(counts(run, "g1")).toEqual({ delivered: 30, acked: 30 });
    expect(counts(run, "g2")).toEqual({ delivered: 30, acked: 30 });
    expect(counts(run, "p")).toEqual({ published: 30 });
    expect(counts(run, "t")).toEqual({ published: 30 });
  });

  it("retries with backoff, then dead-letters with the attempts made", async () => {
    const run = start(
      graph(
        [
          producer("p"),
          t("t"),
          t("dlq"),
          consumer("c", {
            failureRatePct: 100,
            retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 20, maxDelayMs: 40 },
          }),
          consumer("letters"),
        ],
        [
          edge("publishes", "p", "t"),
          edge("subscribes", "t", "c"),
          edge("dead-letters", "c", "dlq"),
          edge("subscribes", "dlq", "letters"),
        ],
      ),
    );
    run.fire("p", 5);
    await eventually(
      () => acked(run, "letters"),
      (n) => n === 5,
    );
    await settle();
    expect(counts(run, "c")).toEqual({
      delivered: 15,
      failed: 15,
      "retry-scheduled": 10,
      "dead-lettered": 5,
      published: 5,
    });
    const attempts = run.history
      .query({ nodeId: "c", outcome: "delivered", limit: 100 })
      .map((r) => r.attempt);
    expect(attempts.filter((a) => a === 1)).toHaveLength(5);
    expect(attempts.filter((a) => a === 3)).toHaveLength(5);
    const letter = run.history.query({ nodeId: "letters", outcome: "acked" })[0];
    expect(run.getEvent(letter.eventId)?.data).toMatchObject({
      reason: "failure-rate",
      attempts: 3,
      group: "c",
    });
  });

  it("an offline group catches up from its committed offset when it comes back", async () => {
    const run = start(
      graph(
        [producer("p"), t("t", { partitions: 2 }), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 4);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 4,
    );
    run.setConsumerOnline("c", false);
    run.fire("p", 6);
    await settle(400);
    expect(acked(run, "c")).toBe(4);
    run.setConsumerOnline("c", true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 10,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 10, acked: 10 });
  });

  it("filters, transforms and replies with the request's correlation id", async () => {
    const run = start(
      graph(
        [
          producer("p", { payloadTemplate: '{"qty":{{seq}}}' }),
          t("in"),
          t("out"),
          t("replies"),
          consumer("big", {
            action: "transform",
            transformExpression: '{ "double": data.qty * 2 }',
          }),
          consumer("svc", { action: "reply" }),
          consumer("sink"),
          consumer("caller"),
        ],
        [
          edge("publishes", "p", "in"),
          edge("subscribes", "in", "big", { filter: { data: { qty: [{ numeric: [">", 2] }] } } }),
          edge("emits", "big", "out"),
          edge("subscribes", "out", "sink"),
          edge("subscribes", "in", "svc"),
          edge("replies", "svc", "replies"),
          edge("subscribes", "replies", "caller"),
        ],
      ),
    );
    run.fire("p", 5);
    await eventually(
      () => [acked(run, "sink"), acked(run, "caller")],
      ([a, b]) => a === 3 && b === 5,
    );
    await settle();
    expect(counts(run, "big")).toEqual({ delivered: 3, acked: 3, filtered: 2, published: 3 });
    const doubled = run.history
      .query({ nodeId: "sink", outcome: "acked" })
      .map((r) => (run.getEvent(r.eventId)?.data as { double: number }).double);
    expect(doubled.sort((a, b) => a - b)).toEqual([6, 8, 10]);
    const requests = new Set(run.history.query({ nodeId: "p", outcome: "published" }).map((r) => r.eventId));
    const replies = run.history.query({ nodeId: "caller", outcome: "acked" });
    expect(replies.map((r) => requests.has(r.correlationId!))).toEqual([true, true, true, true, true]);
  });

  it("cuts a loop at the hop limit", async () => {
    const run = start(
      graph(
        [producer("p"), t("loop"), consumer("x", { action: "transform", transformExpression: "data" })],
        [edge("publishes", "p", "loop"), edge("subscribes", "loop", "x"), edge("emits", "x", "loop")],
      ),
      { hopLimit: 5 },
    );
    run.fire("p", 1);
    await eventually(
      () => counts(run, "x").dropped ?? 0,
      (n) => n === 1,
    );
    await settle();
    expect(counts(run, "x")).toEqual({ delivered: 6, acked: 5, published: 5, dropped: 1 });
    expect(run.history.query({ nodeId: "x", outcome: "dropped" })[0].reason).toBe("hop-limit");
  });

  it("replays a group from the earliest event and from a time", async () => {
    const run = start(
      graph(
        [producer("p"), t("t", { partitions: 2 }), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 4);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 4,
    );
    await settle(50);
    const middle = Date.now();
    await settle(50);
    run.fire("p", 3);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 7,
    );
    expect(run.resetGroupOffsets("c", { to: "earliest" }).ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 14,
    );
    expect(run.resetGroupOffsets("c", { timestampMs: middle }).ok).toBe(true);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 17,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 17, acked: 17 });
  });

  it("redeploys by diff: a changed group keeps its offsets, nothing is delivered twice", async () => {
    const nodes = (processingMs: number) => [
      producer("p"),
      t("t", { partitions: 2 }),
      consumer("c", { processingMs: { min: processingMs, max: processingMs } }),
    ];
    const edges = [edge("publishes", "p", "t"), edge("subscribes", "t", "c")];
    const run = start(graph(nodes(0), edges));
    run.fire("p", 6);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 6,
    );
    expect(run.apply(graph(nodes(1), edges), 2)).toMatchObject({ ok: true, value: { restarted: ["c"] } });
    run.fire("p", 4);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 10,
    );
    await settle();
    expect(counts(run, "c")).toEqual({ delivered: 10, acked: 10 });
    const ids = run.history.query({ nodeId: "c", outcome: "acked", limit: 100 }).map((r) => r.eventId);
    expect(new Set(ids).size).toBe(10);
  });

  it("keeps metrics and delivery records for every step", async () => {
    const run = start(
      graph(
        [producer("p"), t("t"), consumer("c")],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
      ),
    );
    run.fire("p", 8);
    await eventually(
      () => acked(run, "c"),
      (n) => n === 8,
    );
    await settle();
    const byOutcome = (outcome: "published" | "delivered" | "acked") =>
      run.history.query({ outcome, limit: 100 }).length;
    expect([byOutcome("published"), byOutcome("delivered"), byOutcome("acked")]).toEqual([8, 8, 8]);
    const metrics = run.metrics().nodes.c;
    expect(metrics.latency?.count).toBe(8);
    expect(metrics.inFlight).toBe(0);
    expect(run.metrics().nodes.p.counts.published).toBe(8);
  });
});
