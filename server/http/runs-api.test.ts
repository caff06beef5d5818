import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import type { FlowRecord } from "@/lib/api/flows";
import { applyMigrations } from "../db/migrate";

// Deploy, stop and run status through the route handlers, with caps small enough to hit.
const dir = mkdtempSync(join(tmpdir(), "eventloom-runs-api-"));
Object.assign(process.env, {
  DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
  MAX_RUNNING_FLOWS: "2",
  MAX_SERVER_EVENTS_PER_SEC: "50",
  MAX_FLOW_EVENTS_PER_SEC: "30",
});
applyMigrations(join(dir, "db.sqlite"));
const flows = await import("@/app/api/flows/route");
const flow = await import("@/app/api/flows/[id]/route");
const deploy = await import("@/app/api/flows/[id]/deploy/route");
const stop = await import("@/app/api/flows/[id]/stop/route");
const run = await import("@/app/api/flows/[id]/run/route");
const { services } = await import("../services/container");

const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
const post = (path: string, body?: unknown) =>
  new Request(`http://t${path}`, {
    method: "POST",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const create = async (graph: unknown = example): Promise<FlowRecord> =>
  (await flows.POST(post("/api/flows", { graph }))).json();
const manualOnly = structuredClone(example);
manualOnly.nodes[0].config.mode = "manual";

afterAll(async () => {
  await services().runs.stopAll(0);
  rmSync(dir, { recursive: true, force: true });
});

describe("run endpoints", () => {
  it("deploys the saved version, reports it, redeploys by diff, and stops", async () => {
    const shop = await create(manualOnly);
    const deployed = await deploy.POST(post("/"), ctx(shop.id));
    expect(deployed.status).toBe(200);
    expect(await deployed.json()).toEqual({
      flowId: shop.id,
      state: "running",
      version: 1,
      startedAt: expect.any(String),
    });

    const view = await (await run.GET(post("/"), ctx(shop.id))).json();
    expect(view.status.state).toBe("running");
    expect(Object.keys(view.metrics.nodes).sort()).toEqual(example.nodes.map((n) => n.id).sort());

    const graph = structuredClone(manualOnly);
    graph.nodes[1].config.partitions = 4;
    const put = await flow.PUT(
      new Request("http://t/", { method: "PUT", body: JSON.stringify({ graph, baseVersion: 1 }) }),
      ctx(shop.id),
    );
    expect(put.status).toBe(200);
    const redeployed = await (await deploy.POST(post("/"), ctx(shop.id))).json();
    expect(redeployed).toMatchObject({ state: "running", version: 2 });

    const stopped = await stop.POST(post("/"), ctx(shop.id));
    expect(stopped.status).toBe(200);
    expect(await stopped.json()).toMatchObject({ flowId: shop.id, state: "stopped", version: 2 });
    expect((await (await stop.POST(post("/"), ctx(shop.id))).json()).state).toBe("stopped");
  });

  it("answers 404 for unknown flows", async () => {
    for (const handler of [deploy.POST, stop.POST, run.GET]) {
      const response = await handler(post("/"), ctx("AAAAAAAAAAAAAAAAAAAAAA"));
      expect(response.status).toBe(404);
    }
  });

  it("refuses with 429 past the server's event-rate cap and its running-flow cap, and says why", async () => {
    const fast = structuredClone(manualOnly);
    fast.nodes[0].config.mode = "rate";
    fast.nodes[0].config.ratePerSec = 40;
    const a = await create(fast);
    const first = await (await deploy.POST(post("/"), ctx(a.id))).json();
    expect(first).toMatchObject({
      state: "running",
      capped:
        "The producers ask for 40 events/s; this server allows 30 per flow, so the rest are dropped (reason rate-cap)",
    });
    const b = await create(fast);
    const refused = await deploy.POST(post("/"), ctx(b.id));
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error:
        "This server runs at most 50 events/s across all flows; 30 are in use and this flow asks for 30. Lower the producers' rates or stop another flow",
    });

    const m1 = await create(manualOnly);
    expect((await deploy.POST(post("/"), ctx(m1.id))).status).toBe(200);
    const m2 = await create(manualOnly);
    const tooMany = await deploy.POST(post("/"), ctx(m2.id));
    expect(tooMany.status).toBe(429);
    expect((await tooMany.json()).error).toBe(
      "This server runs at most 2 flows at once: stop another flow first",
    );
    await services().runs.stopAll(0);
  });

  it("deleting a flow stops its run", async () => {
    const doomed = await create(manualOnly);
    await deploy.POST(post("/"), ctx(doomed.id));
    expect(services().runs.isRunning(doomed.id)).toBe(true);
    expect((await flow.DELETE(post("/"), ctx(doomed.id))).status).toBe(204);
    expect(services().runs.isRunning(doomed.id)).toBe(false);
    expect(services().runs.run(doomed.id)).toBeUndefined();
  });
});
