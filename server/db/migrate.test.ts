import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";

const dir = mkdtempSync(join(tmpdir(), "eventloom-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("applyMigrations", () => {
  it("creates the database, records each migration as Prisma does, and is idempotent", () => {
    const file = join(dir, "nested", "db.sqlite");
    expect(applyMigrations(file)).toEqual(["20261126000000_init"]);
    expect(applyMigrations(file)).toEqual([]);
    const db = new Database(file, { readonly: true });
    const rows = db.prepare("SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations").all();
    const sql = readFileSync("prisma/migrations/20261126000000_init/migration.sql", "utf8");
    expect(rows).toEqual([{ migration_name: "20261126000000_init", checksum: createHash("sha256").update(sql).digest("hex"), finished: 1 }]);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual([{ name: "Flow" }, { name: "FlowRevision" }, { name: "_prisma_migrations" }, { name: "sqlite_sequence" }]);
    db.close();
  });
});
