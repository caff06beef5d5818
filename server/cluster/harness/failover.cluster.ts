import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, LEASE_MS, startCluster, until, type TestCluster } from "./cluster-harness";
import { redisFlow } from "./flow";

/** Takeover happens within the lease plus one look (every 2 s); the rest is slack for a busy CI machine. */
const TAKEOVER_WITHIN_MS = LEASE_MS + 2000 + 5000;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(3);
});
afterAll(async () => {
  await cluster?.close();
});

/** Per partition of the flow's topic: stream length, last id, and the group's pending and last delivered. */
async function groupState(flowKey: string) {
  const out: { length: number; lastId: string; pending: number; lastDelivered: string }[] = [];
  for (const partition of [0, 1]) {
    const key = `eventloom:${flowKey}:orders:${partition}`;
    const stream = await cluster.redis.xInfoStream(key);
    const [group] = await cluster.redis.xInfoGroups(key);
    out.push({
      length: Number(stream.length),
      lastId: String(stream["last-generated-id"]),
      pending: Number(group.pending),
      lastDelivered: String(group["last-delivered-id"]),
    });
  }
  return out;
}

describe("a cluster of three servers loses its run's owner", () => {
  it("after kill -9 of the owner, another server resumes the run, watchers elsewhere keep receiving, and every published event is acknowledged", async () => {
    const { id, flowKey, owner } = await cluster.deploy("Failover", redisFlow(40));
    const first = owner.name;
    const others = cluster.servers.filter((s) => s !== owner);
    const watched = await Promise.all(others.map((s) => cluster.watcher(s, id)));
    await until(() => watched.every((w) => w.acked >= 20), "watchers on both other servers see acks", 15_000);

    owner.kill("SIGKILL");
    await owner.exited;
    const successor = await cluster.successor(id, first, TAKEOVER_WITHIN_MS);
    expect(others.map((s) => s.name)).toContain(successor);
    const survivor = others[0];
    const run = await until(
      async () => {
        const answer = await api<{ status: { state: string; resumed?: string } }>(
          survivor.base,
          `/api/flows/${id}/run`,
        );
        return answer.body.status?.state === "running" ? answer.body.status : null;
      },
      "the run is running again",
      TAKEOVER_WITHIN_MS,
    );
    expect(run.resumed).toMatch(/^Resumed after the server restarted/);

    // Watchers on both surviving servers keep receiving the successor's deliveries.
    const before = watched.map((w) => w.acked);
    await until(
      () => watched.every((w, i) => w.acked >= before[i] + 40),
      "watchers keep receiving after the takeover",
      15_000,
    );

    // Producers pause; the group drains. Every entry the streams hold was delivered and acknowledged.
    const paused = await cluster.control(survivor, { flowId: id, action: "pause", nodeId: "p" });
    expect(paused).toEqual({ ok: true, value: null });
    const drained = await until(
      async () => {
        const state = await groupState(flowKey);
        return state.every((p) => p.pending === 0 && p.lastDelivered === p.lastId) ? state : null;
      },
      "the group acknowledges every entry of both partitions",
      15_000,
    );
    // At least the 20 acks seen before the kill and the 40 after it (a redelivered event counts once here).
    expect(drained.reduce((sum, p) => sum + p.length, 0)).toBeGreaterThanOrEqual(50);
    expect((await api(survivor.base, `/api/flows/${id}/stop`, {})).status).toBe(200);
  });
});
