import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { PrismaClient as PostgresPrismaClient } from "./generated-pg/client";
import { databaseTarget } from "./database-url";

/**
 * One Prisma client per database for the whole process. Next bundles route handlers apart
 * from server/main.ts, so the singleton lives on globalThis, not in module scope.
 */
const holder = globalThis as typeof globalThis & { __eventloomPrisma?: Map<string, PrismaClient> };

/** The Prisma client for DATABASE_URL: SQLite through better-sqlite3, or PostgreSQL through pg. */
export function prismaFor(databaseUrl: string): PrismaClient {
  holder.__eventloomPrisma ??= new Map();
  let client = holder.__eventloomPrisma.get(databaseUrl);
  if (!client) {
    client = connect(databaseUrl);
    holder.__eventloomPrisma.set(databaseUrl, client);
  }
  return client;
}

/** Closes the client of DATABASE_URL, if one was opened (tests that drop their database). */
export async function closePrisma(databaseUrl: string): Promise<void> {
  const client = holder.__eventloomPrisma?.get(databaseUrl);
  holder.__eventloomPrisma?.delete(databaseUrl);
  await client?.$disconnect();
}

function connect(databaseUrl: string): PrismaClient {
  const target = databaseTarget(databaseUrl);
  if (target.kind === "sqlite")
    return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
  const adapter = new PrismaPg({ connectionString: target.connectionString }, { schema: target.schema });
  // Both clients are generated from the same models (scripts/prisma-generate.mjs), so their
  // model APIs are the same; only the generated type identities differ.
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

export type { PrismaClient };
