import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import { testCluster } from "./test-cluster";

const manual = structuredClone(example);
for (const node of manual.nodes) if (node.kind === "producer") node.config.mode = "manual";
const producerId = manual.nodes.find((n) => n.kind === "producer")!.id;

let cluster: Awaited<ReturnType<typeof testCluster>>;
const startServer = (name: string) => cluster.startServer(name);

beforeAll(async () => {
  cluster = await testCluster();
});
afterAll(async () => {
  await cluster.close();
});

describe("run use cases routed to the run's owner", () => {
  it("deploy, control, status and stop work through any server; the run happens on one", async () => {
    const a = await startServer("route-a");
    const b = await startServer("route-b");
    const created = await b.services.flows.create({ name: "Shop", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;

    // Both servers are idle: the new run goes to the least loaded by name, route-a.
    const deployed = await b.services.deploy(id);
    expect(deployed).toMatchObject({ ok: true, value: { flowId: id, state: "running", version: 1 } });
    expect([a.runs.status(id).state, b.runs.status(id).state]).toEqual(["running", "stopped"]);

    const fired = await b.services.control(id, { flowId: id, action: "fire", nodeId: producerId, count: 3 });
    expect(fired).toEqual({ ok: true, value: null });
    expect(a.runs.run(id)!.metrics().nodes[producerId].counts.published).toBe(3);

    const view = await b.services.runView(id);
    expect(view).toMatchObject({ ok: true, value: { status: { flowId: id, state: "running", version: 1 } } });

    await a.beat();
    await b.beat();
    expect(await b.services.stop(id)).toMatchObject({ ok: true, value: { state: "stopped" } });
    expect(a.runs.status(id).state).toBe("stopped");
  });

  it("answers 503 naming the owner when it does not answer, and never starts a second run", async () => {
    const c = await startServer("route-c");
    const d = await startServer("route-d");
    const created = await c.services.flows.create({ name: "Lonely", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect((await c.runs.deploy(id)).ok).toBe(true);
    await c.rpc.close(); // route-c still holds the lease but no longer answers
    expect(
      await d.services.control(id, { flowId: id, action: "fire", nodeId: producerId, count: 1 }),
    ).toEqual({
      ok: false,
      status: 503,
      body: {
        error:
          "The server running this flow (route-c) did not answer: try again in a few seconds, another server takes its runs over if it is gone",
      },
    });
    expect(await d.services.deploy(id)).toMatchObject({ ok: false, status: 409 });
    expect(d.runs.status(id).state).toBe("stopped");
  });
});
