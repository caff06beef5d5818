import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { runningFlowsRepo } from "../db/running-flows-repo";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "../db/test-databases";
import { flowService } from "./flows";
import { RESUMED, runRegistry, type RunRegistry } from "./runs";

const limits = {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 1000,
  maxServerEventsPerSec: 5000,
  maxPayloadBytes: 65536,
  historySize: 1000,
};
const manual = structuredClone(example);
for (const node of manual.nodes) if (node.kind === "producer") node.config.mode = "manual";

describe.each<DatabaseKind>(["sqlite", "postgresql"])("runs survive a restart (%s)", (kind) => {
  let database: TestDatabase;
  const registries: RunRegistry[] = [];
  /** A server process as far as runs go: its own registry over the shared database. */
  const startServer = () => {
    const db = prismaFor(database.url);
    const flows = flowService(flowsRepo(db));
    const runs = runRegistry(flows, limits, { store: runningFlowsRepo(db) });
    registries.push(runs);
    return { flows, runs, running: runningFlowsRepo(db) };
  };
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    for (const runs of registries) await runs.stopAll(0);
    await database.drop();
  });

  it("resumes the deployed version (not later edits) and says what carried over", async () => {
    const first = startServer();
    const created = await first.flows.create({ name: "Shop", graph: manual });
    if (!created.ok) throw new Error(created.body.error);
    const id = created.value.id;
    expect((await first.runs.deploy(id)).ok).toBe(true);
    const edited = structuredClone(manual);
    edited.nodes[1].config.partitions = 6;
    expect((await first.flows.update(id, { graph: edited, baseVersion: 1 })).ok).toBe(true);
    expect(await first.running.list()).toEqual([{ flowId: id, version: 1, deployedAt: expect.any(Date) }]);

    // The process dies: nothing runs on shutdown, so this is the same for kill -9.
    const second = startServer();
    expect(second.runs.status(id).state).toBe("stopped");
    expect(await second.runs.resumeAll()).toEqual([{ flowId: id, ok: true }]);
    expect(second.runs.status(id)).toEqual({
      flowId: id,
      state: "running",
      version: 1,
      startedAt: expect.any(String),
      resumed: RESUMED,
    });
    expect(await second.runs.resumeAll()).toEqual([]);

    // A deploy by hand is no longer a resumed run, and records the new version.
    await second.runs.deploy(id);
    expect(second.runs.status(id)).toEqual({
      flowId: id,
      state: "running",
      version: 2,
      startedAt: expect.any(String),
    });
    expect((await second.running.list()).map((r) => r.version)).toEqual([2]);
  });

  it("does not resume a flow stopped by hand, and keeps a flow the server itself stopped on shutdown", async () => {
    const first = startServer();
    const stopped = await first.flows.create({ name: "Stopped", graph: manual });
    const kept = await first.flows.create({ name: "Kept", graph: manual });
    if (!stopped.ok || !kept.ok) throw new Error("create failed");
    await first.runs.deploy(stopped.value.id);
    await first.runs.deploy(kept.value.id);
    await first.runs.stop(stopped.value.id, 0);
    await first.runs.stopAll(0);

    const second = startServer();
    const results = await second.runs.resumeAll();
    expect(results.filter((r) => r.flowId === stopped.value.id)).toEqual([]);
    expect(results.filter((r) => r.flowId === kept.value.id)).toEqual([{ flowId: kept.value.id, ok: true }]);
    expect(second.runs.status(kept.value.id).state).toBe("running");
  });
});
