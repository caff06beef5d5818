import { createHash, randomUUID } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import Database from "better-sqlite3";

const LEDGER = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL,
  "checksum" TEXT NOT NULL,
  "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL,
  "logs" TEXT,
  "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
  "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
)`;

/**
 * Applies prisma/migrations/* in name order, each in a transaction, recording them in
 * Prisma's own `_prisma_migrations` table (sha256 checksums), so a machine with Prisma's
 * schema engine sees the same state. Foreign keys are off around each migration (a table
 * redefinition would otherwise cascade-delete rows) and checked after.
 */
export function applyMigrations(
  filePath: string,
  migrationsDir = join(process.cwd(), "prisma", "migrations"),
): string[] {
  if (filePath !== ":memory:") mkdirSync(dirname(filePath), { recursive: true });
  const db = new Database(filePath);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(LEDGER);
    const done = new Set(
      (
        db
          .prepare(
            `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
          )
          .all() as { migration_name: string }[]
      ).map((r) => r.migration_name),
    );
    const names = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, "migration.sql")))
      .map((d) => d.name)
      .sort();
    const applied: string[] = [];
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = readFileSync(join(migrationsDir, name, "migration.sql"), "utf8");
      const checksum = createHash("sha256").update(sql).digest("hex");
      db.pragma("foreign_keys = OFF");
      db.transaction(() => {
        db.exec(sql);
        const broken = db.prepare("PRAGMA foreign_key_check").all();
        if (broken.length > 0)
          throw new Error(`migration ${name} leaves ${broken.length} rows with broken foreign keys`);
        db.prepare(
          `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)`,
        ).run(randomUUID(), checksum, Date.now(), name, Date.now());
      })();
      db.pragma("foreign_keys = ON");
      applied.push(name);
    }
    return applied;
  } finally {
    db.close();
  }
}
