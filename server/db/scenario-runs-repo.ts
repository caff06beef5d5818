import type { PrismaClient } from "./client";

/** One kept result of a scenario: `result` is ScenarioResult JSON text (lib/scenarios/results.ts). */
export interface StoredScenarioRun {
  id: string;
  flowId: string;
  scenarioId: string;
  flowVersion: number;
  status: string;
  result: string;
  createdAt: Date;
}

/** The last few results of each scenario of a flow; older ones are deleted as new ones arrive. */
export function scenarioRunsRepo(db: PrismaClient) {
  return {
    /** Stores a result and keeps only the newest `keep` of that scenario. */
    async add(row: Omit<StoredScenarioRun, "createdAt">, keep: number): Promise<void> {
      await db.scenarioRun.create({ data: row });
      const older = await db.scenarioRun.findMany({
        where: { flowId: row.flowId, scenarioId: row.scenarioId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: keep,
        select: { id: true },
      });
      if (older.length > 0)
        await db.scenarioRun.deleteMany({ where: { id: { in: older.map((o) => o.id) } } });
    },

    /** The newest results of a scenario first. */
    list: (flowId: string, scenarioId: string, limit: number): Promise<StoredScenarioRun[]> =>
      db.scenarioRun.findMany({
        where: { flowId, scenarioId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: limit,
      }),
  };
}
export type ScenarioRunsRepo = ReturnType<typeof scenarioRunsRepo>;
