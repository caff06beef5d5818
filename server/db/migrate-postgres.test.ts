import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { applyPostgresMigrations } from "./migrate-postgres";
import { TEST_POSTGRES_URL } from "./test-databases";

const migrationNames = (dir: string) =>
  readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();

const schemas: string[] = [];
const freshSchema = () => {
  const name = `eventloom_migrate_${randomBytes(6).toString("hex")}`;
  schemas.push(name);
  return name;
};
async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}
afterAll(async () => {
  for (const schema of schemas) await query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
});

describe("PostgreSQL migrations", () => {
  it("has a PostgreSQL twin, of the same name, for every SQLite migration", () => {
    expect(migrationNames("prisma/postgresql/migrations")).toEqual(migrationNames("prisma/migrations"));
  });

  it("creates the schema, records each migration as Prisma does, and is idempotent", async () => {
    const schema = freshSchema();
    const names = migrationNames("prisma/postgresql/migrations");
    expect(await applyPostgresMigrations(TEST_POSTGRES_URL, schema)).toEqual(names);
    expect(await applyPostgresMigrations(TEST_POSTGRES_URL, schema)).toEqual([]);
    const rows = await query<{ migration_name: string; checksum: string; finished: boolean }>(
      `SELECT migration_name, checksum, finished_at IS NOT NULL AS finished
       FROM "${schema}"._prisma_migrations ORDER BY migration_name`,
    );
    const checksum = (name: string) =>
      createHash("sha256")
        .update(readFileSync(`prisma/postgresql/migrations/${name}/migration.sql`, "utf8"))
        .digest("hex");
    expect(rows).toEqual(
      names.map((name) => ({ migration_name: name, checksum: checksum(name), finished: true })),
    );
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toContain("Flow");
    expect(tables.map((t) => t.table_name)).toContain("FlowRevision");
  });

  it("lets servers that start together apply each migration exactly once", async () => {
    const schema = freshSchema();
    const results = await Promise.all(
      [1, 2, 3].map(() => applyPostgresMigrations(TEST_POSTGRES_URL, schema)),
    );
    expect(results.flat().sort()).toEqual(migrationNames("prisma/postgresql/migrations"));
    const [{ count }] = await query<{ count: string }>(`SELECT count(*) FROM "${schema}"._prisma_migrations`);
    expect(Number(count)).toBe(migrationNames("prisma/postgresql/migrations").length);
  });

  it("rolls a failing migration back and says which one failed", async () => {
    const schema = freshSchema();
    await expect(
      applyPostgresMigrations(TEST_POSTGRES_URL, schema, "server/db/fixtures/broken-migrations"),
    ).rejects.toThrow(/^PostgreSQL migration 20260101000001_broken failed: /);
    const tables = await query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    expect(tables.map((t) => t.table_name)).toEqual(["Good", "_prisma_migrations"]);
  });
});
