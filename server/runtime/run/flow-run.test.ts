import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VirtualTime } from "../clock/virtual-time";
import { consumer, countsOf, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";
import { createFlowRun } from "./flow-run";

const base = () =>
  graph(
    [
      producer("p", { mode: "interval", intervalMs: 100 }),
      topic("t", { partitions: 2 }),
      consumer("a"),
      consumer("b", { processingMs: { min: 50, max: 50 } }),
    ],
    [
      edge("publishes", "p", "t", { id: "pub" }),
      edge("subscribes", "t", "a", { id: "sa" }),
      edge("subscribes", "t", "b", { id: "sb" }),
    ],
  );

describe("deploy, redeploy and controls", () => {
  it("refuses an invalid graph with its issues", () => {
    const time = new VirtualTime();
    const result = createFlowRun({
      flowId: "f",
      graph: { schemaVersion: 1, nodes: [{ id: "x", kind: "topic" }], edges: [] },
      version: 1,
      seed: 1,
      ports: { clock: time, scheduler: time },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("invalid-graph");
      expect(result.error.issues![0].path).toMatch(/^nodes\[0\]/);
    }
  });

  it("a member run (a server reading a share of a spread group) consumes, and its producers never start", async () => {
    const runAs = (role: "owner" | "member") => {
      const time = new VirtualTime();
      const created = createFlowRun({
        flowId: "f",
        graph: base(),
        version: 1,
        seed: 1,
        role,
        ports: { clock: time, scheduler: time },
      });
      if (!created.ok) throw new Error(created.error.message);
      created.value.start();
      return { run: created.value, time };
    };
    const owner = runAs("owner");
    const member = runAs("member");
    await owner.time.advanceTo(1000);
    await member.time.advanceTo(1000);
    expect(owner.run.metrics().nodes.p.counts.published).toBe(10);
    expect(member.run.metrics().nodes.p.counts.published).toBe(0);
    // Its consumers run: what reaches its topics (from a broker, in a cluster) is delivered.
    expect(member.run.fire("p", 2)).toEqual({ ok: true, value: { emitted: 2 } });
    await member.time.advanceTo(1200);
    expect(member.run.metrics().nodes.a.counts.acked).toBe(2);
  });

  it("redeploy keeps unchanged nodes running, keeps logs and offsets, restarts changed, starts new, stops removed", async () => {
    const { run, time } = startVirtualRun(base());
    await time.advanceTo(1000);
    expect(countsOf(run, "a")).toEqual({ delivered: 10, acked: 10 });
    const next = base();
    next.nodes = next.nodes.filter((n) => n.id !== "a");
    next.edges = next.edges.filter((e) => e.id !== "sa");
    (next.nodes.find((n) => n.id === "b")!.config as { concurrency: number }).concurrency = 2;
    next.nodes.push(consumer("c"));
    next.edges.push(edge("subscribes", "t", "c", { id: "sc" }));
    const applied = run.apply(next, 2);
    expect(applied).toEqual({ ok: true, value: { restarted: ["b", "c"] } });
    expect(run.version).toBe(2);
    expect(run.metrics().nodes.a).toBeUndefined();
    // The topic log survived; b kept its committed offsets; c starts at the log end.
    expect(run.metrics().nodes.t.partitions!.map((p) => p.endOffset)).toEqual([5, 5]);
    expect(run.metrics().nodes.c.lag!.partitions.map((p) => p.committedOffset)).toEqual([5, 5]);
    await time.advanceTo(2060);
    // The producer was unchanged: its schedule went on (10 more events); b, restarted with its offsets, has every event acked.
    expect(run.metrics().nodes.p.counts.published).toBe(20);
    expect(countsOf(run, "c")).toEqual({ delivered: 10, acked: 10 });
    expect(run.metrics().nodes.b.lag!.total).toBe(0);
    const bAcked = new Set(
      run.history.query({ nodeId: "b", outcome: "acked", limit: 1000 }).map((r) => r.eventId),
    );
    expect(bAcked.size).toBe(20);
  });

  it("a changed producer restarts; a renamed group starts fresh at the log end", async () => {
    const { run, time } = startVirtualRun(base());
    await time.advanceTo(500);
    const next = base();
    (next.nodes.find((n) => n.id === "p")!.config as { intervalMs: number }).intervalMs = 250;
    (next.nodes.find((n) => n.id === "a")!.config as { group: string }).group = "a2";
    run.setConsumerOnline("a", false);
    await time.advanceTo(600);
    expect(run.apply(next, 2)).toEqual({ ok: true, value: { restarted: ["a", "p"] } });
    expect(run.metrics().nodes.a.lag!.total).toBe(0);
    await time.advanceTo(1600);
    expect(run.metrics().nodes.p.counts.published).toBe(6 + 4);
  });

  it("apply refuses an invalid graph and leaves the run as it was", () => {
    const { run } = startVirtualRun(base());
    const result = run.apply(
      { schemaVersion: 1, nodes: [], edges: [{ id: "e", kind: "publishes", source: "x", target: "y" }] },
      2,
    );
    expect(result.ok).toBe(false);
    expect(run.version).toBe(1);
    expect(run.fire("p", 1).ok).toBe(true);
  });

  it("controls return typed errors for unknown or wrong nodes and bad arguments, in any state", async () => {
    const { run } = startVirtualRun(base(), { start: false });
    expect(run.fire("p", 1)).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    expect(run.fire("nope", 1)).toMatchObject({ ok: false, error: { code: "unknown-node", nodeId: "nope" } });
    expect(run.pauseProducer("t")).toMatchObject({ ok: false, error: { code: "wrong-kind" } });
    expect(run.setConsumerOnline("p", true)).toMatchObject({ ok: false, error: { code: "wrong-kind" } });
    expect(run.resetGroupOffsets("a", { to: "sideways" } as never)).toMatchObject({
      ok: false,
      error: { code: "bad-argument" },
    });
    expect(run.start()).toEqual({ ok: true, value: undefined });
    expect(run.start()).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    expect(run.fire("p", 0)).toMatchObject({ ok: false, error: { code: "bad-argument" } });
    await run.stop();
    expect(run.status).toBe("stopped");
    expect(run.fire("p", 1)).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    expect(run.apply(base(), 3)).toMatchObject({ ok: false, error: { code: "invalid-state" } });
    expect(run.resumeProducer("p").ok).toBe(true);
    await run.stop();
  });

  it("pause and resume a producer", async () => {
    const { run, time } = startVirtualRun(base());
    await time.advanceTo(500);
    run.pauseProducer("p");
    await time.advanceTo(1000);
    expect(run.metrics().nodes.p.counts.published).toBe(5);
    expect(run.metrics().nodes.p.paused).toBe(true);
    run.resumeProducer("p");
    await time.advanceTo(1500);
    expect(run.metrics().nodes.p.counts.published).toBe(10);
  });

  it("replays a group from earliest and from a timestamp", async () => {
    const { run, time } = startVirtualRun(base());
    await time.advanceTo(1000);
    expect(run.resetGroupOffsets("a", { to: "earliest" }).ok).toBe(true);
    expect(run.metrics().nodes.a.counts.acked).toBe(20);
    expect(run.resetGroupOffsets("a", { timestampMs: 801 }).ok).toBe(true);
    // Events at 900 and 1000 are replayed.
    expect(run.metrics().nodes.a.counts.acked).toBe(22);
    expect(run.resetGroupOffsets("a", { to: "latest" }).ok).toBe(true);
    expect(run.metrics().nodes.a.counts.acked).toBe(22);
  });

  it("stop lets in-flight deliveries finish within the grace period, then records the rest as dropped", async () => {
    const slow = graph(
      [
        producer("p"),
        topic("t", { partitions: 2 }),
        consumer("fast", { processingMs: { min: 10, max: 10 } }),
        consumer("slow", { processingMs: { min: 500, max: 500 } }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "fast"), edge("subscribes", "t", "slow")],
    );
    const { run, time } = startVirtualRun(slow);
    run.fire("p", 2);
    let stopped = false;
    void run.stop({ graceMs: 100 }).then(() => (stopped = true));
    expect(run.status).toBe("stopping");
    await time.advanceTo(100);
    await Promise.resolve();
    expect(stopped).toBe(true);
    expect(run.status).toBe("stopped");
    expect(countsOf(run, "fast")).toEqual({ delivered: 1, acked: 1 });
    expect(countsOf(run, "slow")).toEqual({ delivered: 1, dropped: 1 });
    expect(run.history.query({ nodeId: "slow", outcome: "dropped" })[0].reason).toBe("stopped");
    expect(time.pending).toBe(0);
  });

  it("runs the e-commerce example flow reproducibly", async () => {
    const example = JSON.parse(
      readFileSync(new URL("../../../examples/ecommerce-orders.json", import.meta.url), "utf8"),
    );
    const once = async () => {
      const { run, time } = startVirtualRun(example, { seed: 11 });
      await time.advanceTo(30_000);
      return Object.fromEntries(Object.entries(run.metrics().nodes).map(([id, n]) => [id, n.counts]));
    };
    const first = await once();
    expect(await once()).toEqual(first);
    expect(first["order-service"].published).toBe(first.orders.published);
    expect(first.payment.published).toBe(first.payments.published);
  });
});
