import { databaseTarget } from "./database-url";
import { applyMigrations } from "./migrate";
import { applyPostgresMigrations } from "./migrate-postgres";

/** Brings the database of DATABASE_URL up to date; returns the names of the migrations applied. */
export async function migrateDatabase(databaseUrl: string): Promise<string[]> {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "sqlite") return applyMigrations(target.path);
  return applyPostgresMigrations(target.connectionString, target.schema);
}
