import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TopicBackend } from "@/lib/flow";
import { api, startCluster, until, type TestCluster } from "./cluster-harness";
import { pipeline } from "./flow";

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(3);
});
afterAll(async () => {
  await cluster?.close();
});

const PARTITIONS = 3;
/** Few enough that every row is sent (a window samples above 200 rows). */
const EVENTS = 30;

/** Per partition of the flow's topic: what group `billing` read (deliveries) and what it has yet to finish. */
async function groupState(backend: TopicBackend, flowKey: string) {
  const out: { read: number; pending: number }[] = [];
  for (let partition = 0; partition < PARTITIONS; partition++) {
    if (backend === "redis") {
      const [group] = await cluster.redis.xInfoGroups(`eventloom:${flowKey}:orders:${partition}`);
      out.push({ read: Number(group["entries-read"]), pending: Number(group.pending) });
    } else {
      // On NATS the group reads each partition through its own durable consumer.
      const info = await cluster.jsm.consumers.info(`EVENTLOOM_${flowKey}_orders`, `g_billing_p${partition}`);
      out.push({ read: info.delivered.consumer_seq, pending: info.num_ack_pending + info.num_pending });
    }
  }
  return out;
}

describe.each([
  ["Redis Streams", "redis"],
  ["NATS JetStream", "nats"],
] as const)("a consumer group on %s spreads over three servers", (_, backend) => {
  it("each server reads its share of the partitions, every delivery says which server handled it, and the counts add up exactly", async () => {
    const graph = pipeline({ backend, partitions: PARTITIONS, groups: ["billing"] });
    const { id, flowKey, owner } = await cluster.deploy(`Spread on ${backend}`, graph);
    const names = cluster.servers.map((s) => s.name).sort();
    // Every server takes part in the run before any event is fired.
    await until(
      async () => {
        const keys = await cluster.redis.keys(`${cluster.prefix}spread-members:${id}:*`);
        const members = keys.length === 1 ? await cluster.redis.zRange(keys[0], 0, -1) : [];
        return members.length === names.length;
      },
      "all three servers join the run",
      15_000,
    );
    // Each side learns the split on its next beat (every second).
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const watchers = await Promise.all(cluster.servers.map((s) => cluster.watcher(s, id)));

    // Fired through the owner; the producer keys each event, which places it in a partition.
    const fired = await cluster.control(owner, { flowId: id, action: "fire", nodeId: "p", count: EVENTS });
    expect(fired.ok).toBe(true);
    await until(() => watchers.every((w) => w.acked === EVENTS), "every watcher hears every ack", 15_000);

    // The producer's key places each event: each partition's group read what its stream holds.
    const state = await until(
      async () => {
        const now = await groupState(backend, flowKey);
        return now.every((p) => p.pending === 0) ? now : null;
      },
      "every entry is acknowledged",
      10_000,
    );
    expect(state.reduce((sum, p) => sum + p.read, 0)).toBe(EVENTS);
    for (const watcher of watchers) {
      const acks = watcher.rows.filter((r) => r.outcome === "acked");
      expect(acks).toHaveLength(EVENTS);
      // Partition p is read by the (p mod 3)-th server in name order, and its rows say so.
      for (let p = 0; p < PARTITIONS; p++) {
        const handled = acks.filter((r) => r.partition === p);
        expect(handled).toHaveLength(state[p].read);
        if (handled.length > 0) expect(new Set(handled.map((r) => r.server))).toEqual(new Set([names[p]]));
      }
    }
    // Every server handled a share: the events' keys spread over all three partitions.
    expect(state.filter((p) => p.read > 0)).toHaveLength(PARTITIONS);
    // The owner's numbers include what the other servers handled.
    await until(
      () => watchers.every((w) => w.metrics?.nodes.billing.counts.acked === EVENTS),
      "every watcher's metrics count every ack",
      10_000,
    );
    expect((await api(owner.base, `/api/flows/${id}/stop`, {})).status).toBe(200);
    // Stopping the run takes it down everywhere: nobody takes part any longer.
    await until(
      async () => (await cluster.redis.keys(`${cluster.prefix}spread:${id}`)).length === 0,
      "the run is no longer announced",
      10_000,
    );
  });
});
