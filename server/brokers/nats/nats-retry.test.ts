import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRun } from "../../runtime";
import { consumer, edge, graph, producer, topic } from "../../runtime/testing/flows";
import { eventually, natsHarness, settle, startRun, type BackendHarness } from "../testing/backends";

/**
 * Retries on JetStream: a failed attempt is handed back with a nak delayed by the backoff and
 * JetStream delivers it again (its delivery count is the attempt), each partition consumer's max_deliver
 * is the retry policy's attempts, and the last failure dead-letters the event.
 */
describe("NATS JetStream retries", () => {
  let harness: BackendHarness;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const runs: FlowRun[] = [];
  beforeAll(async () => {
    harness = await natsHarness();
    nc = await connect({ servers: "127.0.0.1:4222" });
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
    await nc.close();
    await harness.cleanup();
  });
  const flow = (maxAttempts: number) =>
    graph(
      [
        producer("p"),
        topic("t", { backend: "nats" }),
        topic("dlq", { backend: "nats" }),
        consumer("c", {
          failureRatePct: 100,
          retry: { maxAttempts, backoff: "fixed", initialDelayMs: 300, maxDelayMs: 300 },
        }),
        consumer("letters"),
      ],
      [
        edge("publishes", "p", "t"),
        edge("subscribes", "t", "c"),
        edge("dead-letters", "c", "dlq"),
        edge("subscribes", "dlq", "letters"),
      ],
    );
  const stream = (topicName: string) => `${harness.namespace.toUpperCase()}_retry_${topicName}`;

  it("naks with the backoff as delay; JetStream redelivers, counts the attempts and bounds them by max_deliver", async () => {
    const { run } = startRun(harness, flow(3), { flowKey: "retry" });
    runs.push(run);
    await settle(300);
    run.fire("p", 1);
    await eventually(
      () => run.metrics().nodes.letters.counts.acked,
      (n) => n === 1,
      10_000,
    );
    await settle();
    const steps = run.history.query({ nodeId: "c" }).map((r) => [r.outcome, r.attempt, r.brokerOffset]);
    expect(steps).toEqual([
      ["delivered", 1, "1"],
      ["failed", 1, "1"],
      ["retry-scheduled", 1, "1"],
      ["delivered", 2, "1"],
      ["failed", 2, "1"],
      ["retry-scheduled", 2, "1"],
      ["delivered", 3, "1"],
      ["failed", 3, "1"],
      ["dead-lettered", 3, "1"],
      // The dead letter, first on its own stream.
      ["published", undefined, "1"],
    ]);
    // Each retry came back from JetStream no sooner than the nak's delay.
    const delivered = run.history.query({ nodeId: "c", outcome: "delivered" }).map((r) => r.atMs);
    expect(delivered[1] - delivered[0]).toBeGreaterThanOrEqual(295);
    expect(delivered[2] - delivered[1]).toBeGreaterThanOrEqual(295);
    // JetStream delivered the one message three times: the attempts are its own count.
    const info = await jsm.consumers.info(stream("t"), "g_c_p0");
    expect(info.config.max_deliver).toBe(3);
    expect(info.delivered.consumer_seq).toBe(3);
    expect(info.delivered.stream_seq).toBe(1);
    expect(info.ack_floor.stream_seq).toBe(1);
    expect(info.num_ack_pending).toBe(0);
    expect(info.num_redelivered).toBe(0);
    const letter = run.history.query({ nodeId: "letters", outcome: "acked" })[0];
    expect(run.getEvent(letter.eventId)?.data).toMatchObject({
      reason: "failure-rate",
      attempts: 3,
      brokerOffset: "1",
    });
  });

  it("a redeploy that changes the retry policy updates each partition consumer's max_deliver", async () => {
    const { run } = startRun(harness, flow(3), { flowKey: "policy" });
    runs.push(run);
    const consumerInfo = () =>
      jsm.consumers.info(`${harness.namespace.toUpperCase()}_policy_t`, "g_c_p0").catch(() => undefined);
    let maxDeliver: number | undefined;
    for (let waited = 0; maxDeliver !== 3 && waited < 5000; waited += 50) {
      await settle(50);
      maxDeliver = (await consumerInfo())?.config.max_deliver;
    }
    expect(maxDeliver).toBe(3);
    const applied = run.apply(flow(5), 2);
    expect(applied.ok && applied.value.restarted.includes("c")).toBe(true);
    for (let waited = 0; maxDeliver !== 5 && waited < 5000; waited += 50) {
      await settle(50);
      maxDeliver = (await consumerInfo())?.config.max_deliver;
    }
    expect(maxDeliver).toBe(5);
  });
});
