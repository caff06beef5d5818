import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { AckPolicy, jetstream, jetstreamManager } from "@nats-io/jetstream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRun } from "../../runtime";
import { consumer, edge, graph, producer, topic } from "../../runtime/testing/flows";
import { eventually, natsHarness, settle, startRun, type BackendHarness } from "../testing/backends";

/** What only NATS does: a stream per topic with a subject per partition, CloudEvents as ce- headers. */
describe("NATS JetStream topics", () => {
  let harness: BackendHarness;
  let nc: NatsConnection;
  const runs: FlowRun[] = [];
  beforeAll(async () => {
    harness = await natsHarness();
    nc = await connect({ servers: "127.0.0.1:4222" });
  });
  afterAll(async () => {
    await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
    await nc.close();
    await harness.cleanup();
  });
  const flow = () =>
    graph(
      [producer("p"), topic("t", { name: "orders.eu", backend: "nats", partitions: 2 }), consumer("c")],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    );

  it("publishes to a subject per partition with ce- headers and the data as the body", async () => {
    const { run } = startRun(harness, flow(), { flowKey: "out" });
    runs.push(run);
    run.fire("p", 3);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 3,
    );
    const jsm = await jetstreamManager(nc);
    const stream = `${harness.namespace.toUpperCase()}_out_orders_deu`;
    const info = await jsm.streams.info(stream, { subjects_filter: ">" });
    expect(info.config.subjects).toEqual([`${harness.namespace}.out.orders.eu.*`]);
    expect(info.state.subjects).toEqual({
      [`${harness.namespace}.out.orders.eu.0`]: 2,
      [`${harness.namespace}.out.orders.eu.1`]: 1,
    });
    const first = (await jsm.streams.getMessage(stream, { seq: 1 }))!;
    expect(first.header.get("ce-type")).toBe("order.placed");
    expect(first.header.get("ce-specversion")).toBe("1.0");
    expect(first.json()).toEqual({ n: 1 });
    // Records show each event at its stream sequence, for publishing and for every delivery step.
    const published = run.history.query({ nodeId: "p", outcome: "published" });
    expect(published.map((r) => [r.brokerOffset, r.offset])).toEqual([
      ["1", undefined],
      ["2", undefined],
      ["3", undefined],
    ]);
    const seqOf = new Map(published.map((r) => [r.eventId, r.brokerOffset]));
    const acked = run.history.query({ nodeId: "c", outcome: "acked" });
    expect(acked.map((r) => [r.brokerOffset, r.external])).toEqual(
      acked.map((r) => [seqOf.get(r.eventId), undefined]),
    );
    expect(acked).toHaveLength(3);
  });

  it("delivers what an outside client publishes, and rejects malformed messages without stopping", async () => {
    const { run } = startRun(harness, flow(), { flowKey: "in" });
    runs.push(run);
    await settle(300);
    const subject = `${harness.namespace}.in.orders.eu.1`;
    const good = headers();
    for (const [k, v] of Object.entries({
      specversion: "1.0",
      id: "ext-1",
      source: "/outside",
      type: "order.imported",
    }))
      good.set(`ce-${k}`, v);
    nc.publish(subject, '{"sku":"A-1"}', { headers: good });
    nc.publish(subject, "plain text, no headers");
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 1,
    );
    await settle();
    expect(run.metrics().nodes.c.counts).toMatchObject({ delivered: 1, acked: 1 });
    expect(run.getEvent("ext-1")).toMatchObject({ source: "/outside", data: { sku: "A-1" }, hopcount: 0 });
    // Each step of the outside event says so, at its stream sequence (the first message published).
    const steps = run.history.query({ nodeId: "c" }).map((r) => [r.outcome, r.brokerOffset, r.external]);
    expect(steps).toEqual([
      ["delivered", "1", true],
      ["acked", "1", true],
    ]);
    expect(run.history.query({ nodeId: "t", outcome: "dropped" }).map((r) => r.reason)).toEqual([
      "rejected: not a CloudEvent: no specversion",
    ]);
    expect(run.status).toBe("running");
  });

  it("takes over a group's one consumer made by an older Eventloom: each partition resumes after its ack floor, then it is removed", async () => {
    const jsm = await jetstreamManager(nc);
    const js = jetstream(nc);
    const stream = `${harness.namespace.toUpperCase()}_old_orders_deu`;
    const base = `${harness.namespace}.old.orders.eu`;
    await jsm.streams.add({ name: stream, subjects: [`${base}.*`] });
    for (let n = 1; n <= 6; n++) {
      const h = headers();
      for (const [k, v] of Object.entries({
        specversion: "1.0",
        id: `old-${n}`,
        source: "/before",
        type: "t",
      }))
        h.set(`ce-${k}`, v);
      await js.publish(`${base}.${n % 2}`, JSON.stringify({ n }), { headers: h });
    }
    // The group as an older Eventloom left it: one consumer for every partition, 1 and 2 acknowledged.
    await jsm.consumers.add(stream, { durable_name: "g_c", ack_policy: AckPolicy.Explicit });
    const messages = await (await js.consumers.get(stream, "g_c")).fetch({ max_messages: 2, expires: 1000 });
    for await (const msg of messages) msg.ack();
    for (let waited = 0; (await jsm.consumers.info(stream, "g_c")).ack_floor.stream_seq < 2; waited += 50) {
      expect(waited).toBeLessThan(5000);
      await settle(50);
    }

    const { run } = startRun(harness, flow(), { flowKey: "old" });
    runs.push(run);
    await eventually(
      () => run.metrics().nodes.c.counts.acked,
      (n) => n === 4,
    );
    await settle();
    const acked = run.history.query({ nodeId: "c", outcome: "acked" });
    expect(acked.map((r) => r.eventId).sort()).toEqual(["old-3", "old-4", "old-5", "old-6"]);
    const names: string[] = [];
    for await (const info of jsm.consumers.list(stream)) names.push(info.name);
    expect(names.sort()).toEqual(["g_c_p0", "g_c_p1"]);
    for (const [name, subject] of [
      ["g_c_p0", `${base}.0`],
      ["g_c_p1", `${base}.1`],
    ]) {
      const info = await jsm.consumers.info(stream, name);
      expect(info.config.filter_subject).toBe(subject);
      expect(info.num_ack_pending + info.num_pending).toBe(0);
    }
  });
});
