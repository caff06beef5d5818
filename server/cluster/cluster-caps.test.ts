import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testCluster } from "./test-cluster";
import { pipeline } from "./harness/flow";

/** A producer at `ratePerSec` events/s into a topic with one consumer group. */
const graphAt = (ratePerSec: number) => pipeline({ ratePerSec });

let cluster: Awaited<ReturnType<typeof testCluster>>;
beforeAll(async () => {
  cluster = await testCluster(undefined, { maxRunningFlows: 3, maxEventsPerSec: 100 });
});
afterAll(async () => {
  await cluster.close();
});

describe("the caps of a whole cluster", () => {
  it("of deploys sent at once to three servers, only as many as the cluster's cap start; the rest get 429", async () => {
    const servers = await Promise.all(["cap-a", "cap-b", "cap-c"].map((n) => cluster.startServer(n)));
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await servers[0].services.flows.create({ name: `Flow ${i}`, graph: graphAt(10) });
      if (!created.ok) throw new Error(created.body.error);
      ids.push(created.value.id);
    }
    const answers = await Promise.all(ids.slice(0, 4).map((id, i) => servers[i % 3].services.deploy(id)));
    expect(answers.filter((a) => a.ok)).toHaveLength(3);
    const refused = answers.filter((a) => !a.ok);
    expect(refused).toEqual([
      {
        ok: false,
        status: 429,
        body: {
          error:
            "This cluster runs at most 3 flows at once (CLUSTER_MAX_RUNNING_FLOWS) and 3 are running: stop another flow first",
        },
      },
    ]);
    // They went to three different servers: each placement counted the one before it.
    expect(servers.map((s) => s.runs.load().runningFlows)).toEqual([1, 1, 1]);

    const running = ids.slice(0, 4).filter((_, i) => answers[i].ok);
    expect(await servers[2].services.stop(running[0])).toMatchObject({ ok: true });
    await Promise.all(servers.map((s) => s.beat()));
    expect(await servers[1].services.deploy(ids[4])).toMatchObject({ ok: true, value: { state: "running" } });
    for (const id of [...running.slice(1), ids[4]]) await servers[0].services.stop(id);
    await Promise.all(servers.map((s) => s.beat()));
  });

  it("refuses a run that would take the cluster past its events per second, naming what is in use", async () => {
    const [a, b] = await Promise.all(["rate-a", "rate-b"].map((n) => cluster.startServer(n)));
    await Promise.all([a, b].map((s) => s.beat()));
    const first = await a.services.flows.create({ name: "Sixty", graph: graphAt(60) });
    const second = await a.services.flows.create({ name: "Fifty", graph: graphAt(50) });
    if (!first.ok || !second.ok) throw new Error("could not create the flows");
    expect(await a.services.deploy(first.value.id)).toMatchObject({ ok: true });
    expect(await b.services.deploy(second.value.id)).toEqual({
      ok: false,
      status: 429,
      body: {
        error:
          "This cluster runs at most 100 events/s across all flows (CLUSTER_MAX_EVENTS_PER_SEC); 60 are in use and this flow asks for 50. Lower the producers' rates or stop another flow",
      },
    });
    await a.services.stop(first.value.id);
  });
});
