import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prismaFor } from "./client";
import { flowsRepo } from "./flows-repo";
import { runningFlowsRepo } from "./running-flows-repo";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./test-databases";

describe.each<DatabaseKind>(["sqlite", "postgresql"])("running flows on %s", (kind) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.drop());

  it("records deploys with their version, forgets stops, and follows a deleted flow", async () => {
    const db = prismaFor(database.url);
    const flows = flowsRepo(db);
    const running = runningFlowsRepo(db);
    await flows.create({ id: "f-1", name: "One", graph: "{}" });
    await flows.create({ id: "f-2", name: "Two", graph: "{}" });
    await running.markRunning("f-1", 1);
    await running.markRunning("f-2", 1);
    await running.markRunning("f-1", 4);
    expect((await running.list()).map(({ flowId, version }) => ({ flowId, version }))).toEqual([
      { flowId: "f-1", version: 4 },
      { flowId: "f-2", version: 1 },
    ]);
    await running.markStopped("f-2");
    await running.markStopped("f-2");
    await flows.remove("f-1");
    expect(await running.list()).toEqual([]);
  });
});
