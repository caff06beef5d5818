import type { PrismaClient } from "./client";

/** An ingest key as stored: never the key itself, only its hash and a hint. */
export interface StoredIngestKey {
  id: string;
  flowId: string;
  name: string;
  hash: string;
  hint: string;
  createdAt: Date;
  rotatedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Persistence of a flow's ingest keys. */
export function ingestKeysRepo(db: PrismaClient) {
  return {
    list: (flowId: string): Promise<StoredIngestKey[]> =>
      db.ingestKey.findMany({ where: { flowId }, orderBy: { createdAt: "asc" } }),

    count: (flowId: string): Promise<number> => db.ingestKey.count({ where: { flowId } }),

    findByHash: (hash: string): Promise<StoredIngestKey | null> =>
      db.ingestKey.findUnique({ where: { hash } }),

    create: (row: { id: string; flowId: string; name: string; hash: string; hint: string }) =>
      db.ingestKey.create({ data: row }),

    /** Replaces the key's secret; null when the key is not the flow's (or is gone). */
    async rotate(flowId: string, id: string, change: { hash: string; hint: string }) {
      const { count } = await db.ingestKey.updateMany({
        where: { id, flowId },
        data: { ...change, rotatedAt: new Date() },
      });
      return count > 0 ? db.ingestKey.findUnique({ where: { id } }) : null;
    },

    async remove(flowId: string, id: string): Promise<StoredIngestKey | null> {
      const row = await db.ingestKey.findFirst({ where: { id, flowId } });
      if (!row) return null;
      await db.ingestKey.deleteMany({ where: { id, flowId } });
      return row;
    },

    async touch(id: string, at: Date): Promise<void> {
      await db.ingestKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
    },
  };
}
export type IngestKeysRepo = ReturnType<typeof ingestKeysRepo>;
