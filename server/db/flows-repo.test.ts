import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { databaseTarget } from "./database-url";
import { flowsRepo } from "./flows-repo";
import { createTestDatabase, type DatabaseKind, type TestDatabase } from "./test-databases";

/** A Prisma client of its own, as a second server process would have (its own connections). */
function separateClient(url: string): PrismaClient {
  const target = databaseTarget(url);
  if (target.kind === "sqlite") return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url }) });
  const adapter = new PrismaPg({ connectionString: target.connectionString }, { schema: target.schema });
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

describe.each<DatabaseKind>(["sqlite", "postgresql"])("flows repository on %s", (kind) => {
  let database: TestDatabase;
  let serverA: PrismaClient;
  let serverB: PrismaClient;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    serverA = separateClient(database.url);
    // SQLite is one server's file, so both saves go through one client; on PostgreSQL, through
    // two clients with their own connections, as from two servers.
    serverB = kind === "postgresql" ? separateClient(database.url) : serverA;
  });
  afterAll(async () => {
    await serverA.$disconnect();
    if (serverB !== serverA) await serverB.$disconnect();
    await database.drop();
  });

  it("creates a flow with its first revision and finds it by id and view token hash", async () => {
    const repo = flowsRepo(serverA);
    const created = await repo.create({ id: "f-create", name: "Orders", graph: '{"a":1}' });
    expect(created).toMatchObject({ id: "f-create", name: "Orders", version: 1, viewTokenHash: null });
    expect(await repo.setViewTokenHash("f-create", "hash-1")).toBe(true);
    expect((await flowsRepo(serverB).findByViewTokenHash("hash-1"))?.id).toBe("f-create");
    expect(await repo.revisions("f-create", 10)).toEqual([
      {
        version: 1,
        name: "Orders",
        graph: '{"a":1}',
        editors: "[]",
        label: null,
        createdAt: expect.any(Date),
      },
    ]);
  });

  it("saves live edits as versions without revisions, and keeps a stretch of them as one revision", async () => {
    const repo = flowsRepo(serverA);
    await repo.create({ id: "f-live", name: "Live", graph: '{"v":1}' });
    expect(await repo.saveLive("f-live", { name: "Live", graph: '{"v":2}' })).toMatchObject({ version: 2 });
    expect(await repo.saveLive("f-live", { name: "Live!", graph: '{"v":3}' })).toMatchObject({ version: 3 });
    expect((await repo.revisions("f-live", 10)).map((r) => r.version)).toEqual([1]);
    expect(await repo.addRevision("f-live", { editors: ["Ana", "Bob"] })).toMatchObject({
      version: 3,
      name: "Live!",
      graph: '{"v":3}',
      editors: '["Ana","Bob"]',
      label: null,
    });
    // The same version again: its editors are joined and the label kept.
    expect(
      await repo.addRevision("f-live", { editors: ["Bob", "Cy"], label: "Before the demo" }),
    ).toMatchObject({
      version: 3,
      editors: '["Ana","Bob","Cy"]',
      label: "Before the demo",
    });
    expect((await repo.revisions("f-live", 10)).map((r) => r.version)).toEqual([3, 1]);
    expect(await repo.saveLive("gone", { name: "x", graph: "{}" })).toBeNull();
    expect(await repo.addRevision("gone", { editors: [] })).toBeNull();
  });

  it("of two saves of the same version sent at once, exactly one wins (two servers on PostgreSQL)", async () => {
    await flowsRepo(serverA).create({ id: "f-race", name: "Race", graph: "{}" });
    for (let round = 1; round <= 10; round++) {
      const results = await Promise.all([
        flowsRepo(serverA).update("f-race", round, { name: `A${round}`, graph: '{"by":"A"}' }),
        flowsRepo(serverB).update("f-race", round, { name: `B${round}`, graph: '{"by":"B"}' }),
      ]);
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]?.version).toBe(round + 1);
    }
    const stored = await flowsRepo(serverB).find("f-race");
    expect(stored?.version).toBe(11);
    const revisions = await flowsRepo(serverA).revisions("f-race", 20);
    expect(revisions.map((r) => r.version)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(revisions[0].name).toBe(stored?.name);
  });

  it("pages revisions and deletes a flow with its revisions", async () => {
    const repo = flowsRepo(serverA);
    await repo.create({ id: "f-pages", name: "P", graph: "{}" });
    await repo.update("f-pages", 1, { name: "P", graph: "{}" });
    await repo.update("f-pages", 2, { name: "P", graph: "{}" });
    expect((await repo.revisions("f-pages", 1, 3)).map((r) => r.version)).toEqual([2, 1]);
    expect((await repo.revision("f-pages", 2))?.version).toBe(2);
    expect(await repo.remove("f-pages")).toBe(true);
    expect(await repo.revision("f-pages", 2)).toBeNull();
    expect(await repo.remove("f-pages")).toBe(false);
  });
});
