import type { PrismaClient } from "./client";

/** A flow that should be running, and the version that was deployed. */
export interface RunningFlowRow {
  flowId: string;
  version: number;
  deployedAt: Date;
}

/**
 * Which flows should be running: written on deploy, removed on stop (not on a server's own
 * shutdown), read at start to resume them.
 */
export function runningFlowsRepo(db: PrismaClient) {
  return {
    async markRunning(flowId: string, version: number): Promise<void> {
      await db.runningFlow.upsert({
        where: { flowId },
        create: { flowId, version },
        update: { version, deployedAt: new Date() },
      });
    },
    async markStopped(flowId: string): Promise<void> {
      await db.runningFlow.deleteMany({ where: { flowId } });
    },
    list: (): Promise<RunningFlowRow[]> => db.runningFlow.findMany({ orderBy: { flowId: "asc" } }),
  };
}
export type RunningFlowsRepo = ReturnType<typeof runningFlowsRepo>;
