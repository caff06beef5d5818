import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "./generated/client";

/**
 * One Prisma client per database file for the whole process. Next bundles route handlers
 * apart from server/main.ts, so the singleton lives on globalThis, not in module scope.
 */
const holder = globalThis as typeof globalThis & { __eventloomPrisma?: Map<string, PrismaClient> };

export function prismaFor(databaseUrl: string): PrismaClient {
  holder.__eventloomPrisma ??= new Map();
  let client = holder.__eventloomPrisma.get(databaseUrl);
  if (!client) {
    client = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: databaseUrl }) });
    holder.__eventloomPrisma.set(databaseUrl, client);
  }
  return client;
}

export type { PrismaClient };
