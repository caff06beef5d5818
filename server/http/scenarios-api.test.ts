import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FlowRecord } from "@/lib/api/flows";
import type { ScenarioJob, ScenarioMoment, ScenarioRunSummary } from "@/lib/api/scenarios";
import type { FlowGraph } from "@/lib/flow";
import type { Scenario } from "@/lib/scenarios";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { applyMigrations } from "../db/migrate";

// Scenario runs through the route handlers, with limits small enough to hit.
const dir = mkdtempSync(join(tmpdir(), "eventloom-scenarios-api-"));
Object.assign(process.env, {
  DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
  MAX_SCENARIO_RUNS: "1",
  SCENARIO_MAX_EVENTS: "100000",
});
applyMigrations(join(dir, "db.sqlite"));
const flows = await import("@/app/api/flows/route");
const flowRoute = await import("@/app/api/flows/[id]/route");
const runs = await import("@/app/api/flows/[id]/scenarios/[scenarioId]/runs/route");
const forecast = await import("@/app/api/flows/[id]/scenarios/[scenarioId]/forecast/route");
const moment = await import("@/app/api/flows/[id]/scenarios/[scenarioId]/moment/route");
const jobs = await import("@/app/api/flows/[id]/scenario-jobs/[jobId]/route");

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outage: Scenario = {
  id: "outage",
  name: "Outage",
  durationMs: 30_000,
  steps: [
    { atMs: 5_000, action: "consumer-offline", nodeId: "c" },
    { atMs: 15_000, action: "consumer-online", nodeId: "c" },
  ],
  expectations: [{ kind: "lag-below", nodeId: "c", max: 50 }],
  forecast: { nodeId: "c", multipliers: [1] },
};

function shop(scenarios: Scenario[], workers = 1): FlowGraph {
  return {
    ...graph(
      [
        producer("p", { mode: "rate", ratePerSec: 10 }),
        topic("t", { partitions: 2 }),
        consumer("c", { concurrency: workers, processingMs: { min: 50, max: 50 } }),
      ],
      [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
    ),
    scenarios,
  };
}

const post = (body?: unknown) =>
  new Request("http://t/", { method: "POST", body: body === undefined ? undefined : JSON.stringify(body) });
const get = (query = "") => new Request(`http://t/?${query}`);
const at = (id: string, scenarioId: string) => ({ params: Promise.resolve({ id, scenarioId }) });
const create = async (g: FlowGraph): Promise<FlowRecord> => (await flows.POST(post({ graph: g }))).json();

async function settle(flowId: string, job: ScenarioJob): Promise<ScenarioJob> {
  for (;;) {
    const polled: ScenarioJob = await (
      await jobs.GET(get(), { params: Promise.resolve({ id: flowId, jobId: job.id }) })
    ).json();
    if (polled.state !== "running") return polled;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("scenario endpoints", () => {
  it("runs the saved scenario, keeps the result and compares the next run with it", async () => {
    const flow = await create(shop([outage]));
    const started = await runs.POST(post(), at(flow.id, "outage"));
    expect(started.status).toBe(202);
    const first = await settle(flow.id, await started.json());
    expect(first).toMatchObject({ state: "done", progress: 1, verdicts: ["new"] });
    expect(first.result).toMatchObject({
      status: "failed",
      expectations: [{ passed: false, firstViolation: { atMs: 11_000, value: 60 } }],
    });

    // A looser bound (the 10 s outage leaves a 100-event backlog) and a second worker: it passes.
    const raised = shop([{ ...outage, expectations: [{ kind: "lag-below", nodeId: "c", max: 150 }] }], 2);
    const put = await flowRoute.PUT(
      new Request("http://t/", { method: "PUT", body: JSON.stringify({ graph: raised, baseVersion: 1 }) }),
      { params: Promise.resolve({ id: flow.id }) },
    );
    expect(put.status).toBe(200);
    const second = await settle(
      flow.id,
      await (await runs.POST(post({ seed: 3 }), at(flow.id, "outage"))).json(),
    );
    expect(second.result?.seed).toBe(3);
    expect(second.verdicts).toEqual(["better"]);
    expect(second.result?.expectations[0].passed).toBe(true);

    const history: ScenarioRunSummary[] = await (await runs.GET(get(), at(flow.id, "outage"))).json();
    expect(history.map((h) => [h.flowVersion, h.result.status, h.verdicts])).toEqual([
      [2, "passed", ["better"]],
      [1, "failed", ["new"]],
    ]);
  });

  it("shows the deliveries around a moment, and refuses moments past the end", async () => {
    const flow = await create(shop([outage]));
    const response = await moment.GET(get("atMs=11000&nodeId=c"), at(flow.id, "outage"));
    expect(response.status).toBe(200);
    const view: ScenarioMoment = await response.json();
    expect(view).toMatchObject({ atMs: 11_000, fromMs: 9_000, toMs: 12_000 });
    // The group is offline from 5 s to 15 s: nothing happens at it around 11 s.
    expect(view.records).toEqual([]);
    const before: ScenarioMoment = await (
      await moment.GET(get("atMs=3000&nodeId=c"), at(flow.id, "outage"))
    ).json();
    // 1 s … 4 s: 31 events delivered, 30 of them acked (50 ms later) by 4 s.
    expect(before.records.filter((r) => r.outcome === "delivered")).toHaveLength(31);
    expect(before.records.filter((r) => r.outcome === "acked")).toHaveLength(30);
    expect(before.traces[0].records.map((r) => r.outcome)).toEqual(["published", "delivered", "acked"]);
    const late = await moment.GET(get("atMs=40000"), at(flow.id, "outage"));
    expect(late.status).toBe(400);
    const bad = await moment.GET(get("atMs=soon"), at(flow.id, "outage"));
    expect(bad.status).toBe(400);
  });

  it("refuses scenarios with problems, unknown scenarios, over-budget runs and too many at once", async () => {
    const broken = await create(
      shop([{ ...outage, steps: [{ atMs: 50_000, action: "consumer-offline", nodeId: "gone" }] }]),
    );
    const refused = await runs.POST(post(), at(broken.id, "outage"));
    expect(refused.status).toBe(400);
    expect((await refused.json()).issues).toEqual([
      {
        path: "scenarios[0].steps[0].atMs",
        message: "happens at 0:50, after the scenario ends at 0:30",
      },
      {
        path: "scenarios[0].steps[0].nodeId",
        message: "step 'consumer-offline' names node 'gone', which is not in the flow",
      },
    ]);
    expect((await runs.POST(post(), at(broken.id, "nope"))).status).toBe(404);
    expect((await runs.POST(post({ seed: -1 }), at(broken.id, "outage"))).status).toBe(400);

    const long = await create(shop([{ ...outage, id: "long", name: "Long", durationMs: 24 * 3_600_000 }]));
    const over = await runs.POST(post(), at(long.id, "long"));
    expect(over.status).toBe(400);
    expect((await over.json()).error).toMatch(
      /would publish about 864,000 events; this server simulates at most 100,000/,
    );

    const flow = await create(shop([{ ...outage, durationMs: 3_600_000 - 1, steps: [] }]));
    const first = await runs.POST(post(), at(flow.id, "outage"));
    expect(first.status).toBe(202);
    const second = await forecast.POST(post(), at(flow.id, "outage"));
    expect(second.status).toBe(429);
    const job: ScenarioJob = await first.json();
    const cancelled = await jobs.DELETE(get(), { params: Promise.resolve({ id: flow.id, jobId: job.id }) });
    expect(cancelled.status).toBe(200);
    expect((await settle(flow.id, job)).state).toBe("cancelled");
  });

  it("forecasts the workers a group needs", async () => {
    const flow = await create(shop([outage]));
    const started = await forecast.POST(post(), at(flow.id, "outage"));
    expect(started.status).toBe(202);
    const done = await settle(flow.id, await started.json());
    expect(done.state).toBe("done");
    // Offline for 10 s at 10 events/s: a 100-event backlog whatever the workers; 64 partitions do not help.
    expect(done.forecast?.rows).toEqual([
      { multiplier: 1, partitionsLimited: false, tightest: 0, simulations: expect.any(Number) },
    ]);
  });
});
