/** Where the data lives, read from DATABASE_URL: an SQLite file or a PostgreSQL schema. */
export type DatabaseTarget =
  | { kind: "sqlite"; url: string; path: string }
  | { kind: "postgresql"; url: string; connectionString: string; schema: string };

/**
 * Reads a DATABASE_URL: `file:PATH` selects SQLite; `postgres://` or `postgresql://` selects
 * PostgreSQL, with Prisma's `?schema=NAME` parameter (default `public`) naming the schema.
 */
export function databaseTarget(url: string): DatabaseTarget {
  if (url.startsWith("file:")) return { kind: "sqlite", url, path: url.slice("file:".length) };
  const parsed = new URL(url);
  if (parsed.protocol !== "postgres:" && parsed.protocol !== "postgresql:")
    throw new Error(
      `DATABASE_URL must start with file:, postgres:// or postgresql:// (got ${parsed.protocol})`,
    );
  const schema = parsed.searchParams.get("schema") ?? "public";
  parsed.searchParams.delete("schema");
  return { kind: "postgresql", url, connectionString: parsed.toString(), schema };
}
