import type { PrismaClient } from "./client";

/** A flow row as stored: the graph is JSON text that the service parses with lib/flow. */
export interface StoredFlow {
  id: string;
  name: string;
  graph: string;
  version: number;
  viewTokenHash: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface StoredRevision {
  version: number;
  name: string;
  graph: string;
  /** JSON array of names: who edited in the stretch this revision closes. */
  editors: string;
  label: string | null;
  createdAt: Date;
}
const REVISION_FIELDS = {
  version: true,
  name: true,
  graph: true,
  editors: true,
  label: true,
  createdAt: true,
} as const;

/**
 * Persistence of flows and their revisions. Every write keeps a revision of what it wrote; past
 * `maxRevisions` per flow the oldest are removed.
 */
export function flowsRepo(db: PrismaClient, { maxRevisions = Infinity } = {}) {
  return {
    find: (id: string): Promise<StoredFlow | null> => db.flow.findUnique({ where: { id } }),

    findByViewTokenHash: (hash: string): Promise<StoredFlow | null> =>
      db.flow.findUnique({ where: { viewTokenHash: hash } }),

    /** Replaces the view token hash (null removes the view link); not a new version of the flow. */
    async setViewTokenHash(id: string, hash: string | null): Promise<boolean> {
      const { count } = await db.flow.updateMany({ where: { id }, data: { viewTokenHash: hash } });
      return count > 0;
    },

    async create(row: { id: string; name: string; graph: string }): Promise<StoredFlow> {
      const [flow] = await db.$transaction([
        db.flow.create({ data: { ...row, version: 1 } }),
        db.flowRevision.create({ data: { flowId: row.id, version: 1, name: row.name, graph: row.graph } }),
      ]);
      return flow;
    },

    /**
     * Writes version baseVersion + 1 only if the stored version is still `baseVersion`.
     * Returns null when another write got there first (or the flow is gone).
     */
    update(
      id: string,
      baseVersion: number,
      change: { name: string; graph: string },
      /** Who made the change, kept with its revision ("API", "Restore"). */
      editors: string[] = [],
    ): Promise<StoredFlow | null> {
      return db.$transaction(async (tx) => {
        const next = baseVersion + 1;
        const { count } = await tx.flow.updateMany({
          where: { id, version: baseVersion },
          data: { ...change, version: next },
        });
        if (count === 0) return null;
        await tx.flowRevision.create({
          data: { flowId: id, version: next, ...change, editors: JSON.stringify(editors) },
        });
        // Only the newest revisions are kept: a flow saved forever cannot grow the database for ever.
        if (next > maxRevisions)
          await tx.flowRevision.deleteMany({ where: { flowId: id, version: { lte: next - maxRevisions } } });
        return tx.flow.findUnique({ where: { id } });
      });
    },

    /**
     * Saves a flow's shared document as its next version, without a revision: live editing
     * saves every second or so, and a revision is kept per stretch of editing instead.
     */
    async saveLive(id: string, change: { name: string; graph: string }): Promise<StoredFlow | null> {
      const { count } = await db.flow.updateMany({
        where: { id },
        data: { ...change, version: { increment: 1 } },
      });
      return count > 0 ? db.flow.findUnique({ where: { id } }) : null;
    },

    /**
     * Keeps the flow as it is now as a revision, naming who edited; a revision of this version
     * that exists already gets the editors added (and the label, when one is given).
     */
    addRevision(id: string, mark: { editors: string[]; label?: string }): Promise<StoredRevision | null> {
      return db.$transaction(async (tx) => {
        const flow = await tx.flow.findUnique({ where: { id } });
        if (!flow) return null;
        const key = { flowId_version: { flowId: id, version: flow.version } };
        const existing = await tx.flowRevision.findUnique({ where: key, select: REVISION_FIELDS });
        if (!existing)
          return tx.flowRevision.create({
            data: {
              flowId: id,
              version: flow.version,
              name: flow.name,
              graph: flow.graph,
              editors: JSON.stringify(mark.editors),
              label: mark.label ?? null,
            },
            select: REVISION_FIELDS,
          });
        const editors = [...new Set([...(JSON.parse(existing.editors) as string[]), ...mark.editors])];
        return tx.flowRevision.update({
          where: key,
          data: { editors: JSON.stringify(editors), ...(mark.label ? { label: mark.label } : {}) },
          select: REVISION_FIELDS,
        });
      });
    },

    async remove(id: string): Promise<boolean> {
      const { count } = await db.flow.deleteMany({ where: { id } });
      return count > 0;
    },

    revisions: (id: string, limit: number, before?: number): Promise<StoredRevision[]> =>
      db.flowRevision.findMany({
        where: { flowId: id, ...(before !== undefined ? { version: { lt: before } } : {}) },
        orderBy: { version: "desc" },
        take: limit + 1,
        select: REVISION_FIELDS,
      }),

    revision: (id: string, version: number): Promise<StoredRevision | null> =>
      db.flowRevision.findUnique({
        where: { flowId_version: { flowId: id, version } },
        select: REVISION_FIELDS,
      }),
  };
}
export type FlowsRepo = ReturnType<typeof flowsRepo>;
