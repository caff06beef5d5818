import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { closePrisma } from "./client";
import { migrateDatabase } from "./migrate-database";

/** The providers every repository and REST integration test runs against. */
export type DatabaseKind = "sqlite" | "postgresql";

/** A migrated database of its own for one test file, removed by `drop()`. */
export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  drop(): Promise<void>;
}

/** The PostgreSQL server the tests use: the machine's local one unless TEST_POSTGRES_URL says otherwise. */
export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/test";

/**
 * Creates and migrates a fresh database: an SQLite file in a temp folder, or a PostgreSQL
 * schema with a random name, so parallel test runs never see each other's rows.
 */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "eventloom-db-"));
    const url = `file:${join(dir, "db.sqlite")}`;
    await migrateDatabase(url);
    return {
      kind,
      url,
      async drop() {
        await closePrisma(url);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `eventloom_test_${randomBytes(6).toString("hex")}`;
  const url = `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes("?") ? "&" : "?"}schema=${schema}`;
  await migrateDatabase(url);
  return {
    kind,
    url,
    async drop() {
      await closePrisma(url);
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

const chosen = globalThis as typeof globalThis & { __eventloomTestDatabaseKind?: DatabaseKind };

/**
 * The provider a shared REST test file runs against: SQLite, unless a `*.postgres.test.ts`
 * wrapper chose PostgreSQL before importing it.
 */
export function testDatabaseKind(): DatabaseKind {
  return chosen.__eventloomTestDatabaseKind ?? "sqlite";
}

/** Called by a `*.postgres.test.ts` wrapper before it imports the shared test file. */
export function useTestDatabaseKind(kind: DatabaseKind): void {
  chosen.__eventloomTestDatabaseKind = kind;
}
