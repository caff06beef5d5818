import { createHash } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { applyMigrations } from "./migrate";

const dir = mkdtempSync(join(tmpdir(), "eventloom-migrate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every migration folder, in the order they apply. */
const allMigrations = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("applyMigrations", () => {
  it("creates the database, records each migration as Prisma does, and is idempotent", () => {
    const file = join(dir, "nested", "db.sqlite");
    const names = allMigrations;
    expect(names).toContain("20261130220000_scenario_runs");
    expect(applyMigrations(file)).toEqual(names);
    expect(applyMigrations(file)).toEqual([]);
    const db = new Database(file, { readonly: true });
    const rows = db
      .prepare(
        "SELECT migration_name, checksum, finished_at IS NOT NULL AS finished FROM _prisma_migrations ORDER BY migration_name",
      )
      .all();
    const checksum = (name: string) =>
      createHash("sha256")
        .update(readFileSync(`prisma/migrations/${name}/migration.sql`, "utf8"))
        .digest("hex");
    expect(rows).toEqual(
      names.map((name) => ({ migration_name: name, checksum: checksum(name), finished: 1 })),
    );
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    expect(tables).toEqual([
      { name: "Flow" },
      { name: "FlowRevision" },
      { name: "IngestKey" },
      { name: "RunningFlow" },
      { name: "ScenarioRun" },
      { name: "_prisma_migrations" },
      { name: "sqlite_sequence" },
    ]);
    const columns = db.prepare("SELECT name FROM pragma_table_info('Flow') ORDER BY cid").all();
    expect(columns.map((c) => (c as { name: string }).name)).toEqual([
      "id",
      "name",
      "graph",
      "version",
      "createdAt",
      "updatedAt",
      "viewTokenHash",
    ]);
    db.close();
  });

  it("applies only the new migrations to an older database, keeping its rows", () => {
    const file = join(dir, "old.sqlite");
    const onlyFirst = join(dir, "first-only");
    mkdirSync(onlyFirst, { recursive: true });
    cpSync("prisma/migrations/20261126000000_init", join(onlyFirst, "20261126000000_init"), {
      recursive: true,
    });
    expect(applyMigrations(file, onlyFirst)).toEqual(["20261126000000_init"]);
    const db = new Database(file);
    db.prepare(
      `INSERT INTO Flow (id, name, graph, version, updatedAt) VALUES ('f1', 'Kept', '{}', 3, 0)`,
    ).run();
    db.prepare(
      `INSERT INTO FlowRevision (flowId, version, name, graph) VALUES ('f1', 3, 'Kept', '{}')`,
    ).run();
    db.close();
    expect(applyMigrations(file)).toEqual(allMigrations.slice(1));
    const after = new Database(file, { readonly: true });
    expect(after.prepare("SELECT id, name, version, viewTokenHash FROM Flow").all()).toEqual([
      { id: "f1", name: "Kept", version: 3, viewTokenHash: null },
    ]);
    expect(after.prepare("SELECT version, editors, label FROM FlowRevision").all()).toEqual([
      { version: 3, editors: "[]", label: null },
    ]);
    after.close();
  });
});
