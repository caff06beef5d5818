import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RUN_MARK } from "../../brokers/cloudevents";
import { api, LEASE_MS, startCluster, until, type TestCluster } from "./cluster-harness";
import { redisFlow } from "./flow";

const TAKEOVER_WITHIN_MS = LEASE_MS + 2000 + 5000;

let cluster: TestCluster;
beforeAll(async () => {
  cluster = await startCluster(2);
});
afterAll(async () => {
  await cluster?.close();
});

/** Every entry of both partitions in the order Redis stored them (ids are append times), with its run. */
async function entries(flowKey: string): Promise<{ id: string; run: string }[]> {
  const all: { id: string; run: string; ms: number; seq: number }[] = [];
  for (const partition of [0, 1])
    for (const entry of (await cluster.redis.xRange(`eventloom:${flowKey}:orders:${partition}`, "-", "+")) ??
      []) {
      const [ms, seq] = entry.id.split("-").map(Number);
      all.push({ id: entry.id, run: String(entry.message[RUN_MARK]), ms, seq });
    }
  return all.sort((a, b) => a.ms - b.ms || a.seq - b.seq).map(({ id, run }) => ({ id, run }));
}

describe("split brain: the owner is paused past its lease, then wakes", () => {
  it("another server takes over; the woken server stops publishing at once, so no run publishes after its successor began", async () => {
    const { id, flowKey, owner } = await cluster.deploy("Paused", redisFlow(50));
    const first = owner.name;
    const other = cluster.servers.find((s) => s !== owner)!;
    await until(async () => (await entries(flowKey)).length >= 30, "the first run publishes", 10_000);

    owner.kill("SIGSTOP");
    const successor = await cluster.successor(id, first, TAKEOVER_WITHIN_MS);
    expect(successor).toBe(other.name);
    const oldRun = (await entries(flowKey))[0].run;
    await until(
      async () => (await entries(flowKey)).filter((e) => e.run !== oldRun).length >= 30,
      "the successor's run publishes",
      10_000,
    );

    owner.kill("SIGCONT");
    // The woken server's producers are long overdue: left alone they would publish a burst now.
    await new Promise((r) => setTimeout(r, 3000));
    expect(owner.alive()).toBe(true);
    const stored = await entries(flowKey);
    const runs = [...new Set(stored.map((e) => e.run))];
    expect(runs).toHaveLength(2);
    const firstOfSuccessor = stored.findIndex((e) => e.run !== oldRun);
    const lateFromOld = stored.slice(firstOfSuccessor).filter((e) => e.run === oldRun);
    expect(lateFromOld).toEqual([]);
    // The woken server answers for the run as the successor does: it runs there, once.
    const status = await api<{ status: { state: string } }>(owner.base, `/api/flows/${id}/run`);
    expect(status.body.status.state).toBe("running");
    expect(await cluster.owner(id)).toBe(other.name);
    expect((await api(other.base, `/api/flows/${id}/stop`, {})).status).toBe(200);
  });
});
