import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRun } from "../../runtime";
import { edge, graph, producer, topic } from "../../runtime/testing/flows";
import { FENCED, type PublishFence } from "../fencing";
import {
  eventually,
  startRun,
  type BackendHarness,
  openRedisSuite,
  closeRedisSuite,
  type RedisSuite,
} from "../testing/backends";

/** Fencing checked by Redis itself: the appends and the check of the run's lease are one script. */
describe("Redis appends behind the run's fence", () => {
  let harness: BackendHarness;
  let client: RedisSuite["client"];
  let leaseKey: string;
  const runs: FlowRun[] = [];
  beforeAll(async () => {
    ({ harness, client } = await openRedisSuite());
    leaseKey = `${harness.namespace}:lease:run:F`;
  });
  afterAll(() => closeRedisSuite({ harness, client }, runs));

  function start(flowKey: string, fence: PublishFence): FlowRun {
    const flow = graph(
      [producer("p"), topic("orders", { backend: "redis", partitions: 2 })],
      [edge("publishes", "p", "orders")],
    );
    const { run } = startRun(harness, flow, { flowKey, fence });
    runs.push(run);
    return run;
  }
  const stored = async (flowKey: string) =>
    (await client.xLen(`${harness.namespace}:${flowKey}:orders:0`)) +
    (await client.xLen(`${harness.namespace}:${flowKey}:orders:1`));
  const outcomes = (run: FlowRun) =>
    run.history.query({ nodeId: "p" }).map((r) => [r.outcome, r.reason ?? null]);

  /**
   * Fires 4 events of a run whose fence is this server's value "s1 7" under the lease key, with
   * `lease` in Redis (null: no key) and `holds` as the local check; waits until each is settled.
   */
  async function publishUnder(flowKey: string, lease: string | null, holds: boolean) {
    if (lease === null) await client.del(leaseKey);
    else await client.set(leaseKey, lease);
    const run = start(flowKey, { holds: () => holds, stored: { key: leaseKey, value: "s1 7" } });
    run.fire("p", 4);
    const counts = () => run.metrics().nodes.p.counts;
    await eventually(
      () => counts().published + counts().dropped,
      (n) => n === 4,
    );
    return { run, written: await stored(flowKey) };
  }

  it("writes while the lease key holds this server's value", async () => {
    const { run, written } = await publishUnder("held", "s1 7", true);
    expect(written).toBe(4);
    expect(outcomes(run)).toEqual(Array(4).fill(["published", null]));
  });

  // As after a pause: the local check passed before the server stopped, the batch was queued,
  // and meanwhile the lease ran out and another server took it with a newer token (or nobody did).
  it.each([
    ["another server holds the lease", "s2 8", true],
    ["the lease is gone altogether", null, true],
    ["the local check already knows the run is lost (nothing is sent)", "s1 7", false],
  ])("writes nothing when %s", async (_, lease, holds) => {
    const { run, written } = await publishUnder(`fenced-${String(lease)}-${holds}`, lease, holds);
    expect(written).toBe(0);
    expect(outcomes(run)).toEqual(Array(4).fill(["dropped", FENCED]));
  });
});
