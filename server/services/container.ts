import { env } from "../env";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { flowService, type FlowService } from "./flows";
import { runRegistry, type RunRegistry } from "./runs";
import type { MetricsSnapshot, RunStatus } from "@/lib/realtime/protocol";
import { toMetricsView } from "../gateway/metrics-view";
import { success, type ServiceResult } from "./result";

export interface Services {
  flows: FlowService;
  runs: RunRegistry;
  /** GET /api/flows/:id/run: status, deployed version and metrics. */
  runView: (flowId: string) => Promise<ServiceResult<RunView>>;
  /** DELETE /api/flows/:id: the flow, its revisions and its run. */
  deleteFlow: (flowId: string) => Promise<ServiceResult<null>>;
}

export interface RunView {
  status: RunStatus;
  metrics: MetricsSnapshot | null;
}

/**
 * The services of this process, built once and shared by route handlers and the custom
 * server (which Next bundles separately, hence globalThis). server/main.ts builds them first,
 * after applying the migrations.
 */
const holder = globalThis as typeof globalThis & { __eventloomServices?: Services };

export function services(): Services {
  if (!holder.__eventloomServices) {
    const config = env();
    const flows = flowService(flowsRepo(prismaFor(config.DATABASE_URL)));
    const runs = runRegistry(flows, {
      maxRunningFlows: config.MAX_RUNNING_FLOWS,
      maxFlowEventsPerSec: config.MAX_FLOW_EVENTS_PER_SEC,
      maxServerEventsPerSec: config.MAX_SERVER_EVENTS_PER_SEC,
      maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
      historySize: config.RUN_HISTORY_SIZE,
    });
    holder.__eventloomServices = {
      flows,
      runs,
      async runView(flowId) {
        const flow = await flows.get(flowId);
        if (!flow.ok) return flow;
        const run = runs.run(flowId);
        return success({ status: runs.status(flowId), metrics: run ? toMetricsView(flowId, run.metrics()) : null });
      },
      async deleteFlow(flowId) {
        const removed = await flows.remove(flowId);
        if (removed.ok) await runs.forget(flowId);
        return removed;
      },
    };
  }
  return holder.__eventloomServices;
}
