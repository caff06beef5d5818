import type { FlowRecord, RunView, ViewLink } from "@/lib/api/flows";
import type { RunStatus } from "@/lib/realtime/protocol";
import { env } from "../env";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { runningFlowsRepo } from "../db/running-flows-repo";
import { toMetricsView } from "../gateway/metrics-view";
import { flowService, type FlowService } from "./flows";
import { failure, success, type ServiceResult } from "./result";
import { eventTrace, recordedEvents } from "./recorded-events";
import type { EventEnvelope } from "@/lib/events";
import type { DeliveryFilter } from "@/lib/events/delivery-filter";
import type { EventTrace } from "@/lib/realtime/protocol";
import type { FlowRun, TransformEvaluator } from "../runtime";
import { runRegistry, type RunRegistry } from "./runs";

/** The use cases the routes and the gateway call; each checks the reference's access first. */
export interface Services {
  flows: FlowService;
  runs: RunRegistry;
  runView(ref: string): Promise<ServiceResult<RunView>>;
  deploy(ref: string): Promise<ServiceResult<RunStatus>>;
  stop(ref: string): Promise<ServiceResult<RunStatus>>;
  deleteFlow(ref: string): Promise<ServiceResult<null>>;
  regenerateViewLink(ref: string): Promise<ServiceResult<ViewLink>>;
  removeViewLink(ref: string): Promise<ServiceResult<null>>;
  fork(ref: string): Promise<ServiceResult<FlowRecord>>;
  /** The CloudEvents behind the run's delivery records that match the filter. */
  recordedEvents(ref: string, filter: DeliveryFilter, limit: number): Promise<ServiceResult<EventEnvelope[]>>;
  /** The causal trace of one event of the run. */
  trace(ref: string, eventId: string): Promise<ServiceResult<EventTrace>>;
  /** Called with a flow id whenever its view link changes, so old viewers can be let go. */
  onViewLinkChanged(listener: (flowId: string) => void): () => void;
}

/** Builds the use cases over a flow service and a run registry. */
export function composeServices(flows: FlowService, runs: RunRegistry): Services {
  const viewLinkListeners = new Set<(flowId: string) => void>();
  const asSeenBy = (ref: string, status: RunStatus): RunStatus => ({ ...status, flowId: ref });
  const runOf = async (ref: string): Promise<ServiceResult<FlowRun>> => {
    const found = await flows.authorize(ref, "view");
    if (!found.ok) return found;
    const run = runs.run(found.value.row.id);
    return run ? success(run) : failure(404, "This flow has not run yet: deploy it first");
  };
  return {
    flows,
    runs,
    async runView(ref) {
      const found = await flows.authorize(ref, "view");
      if (!found.ok) return found;
      const run = runs.run(found.value.row.id);
      return success({
        status: asSeenBy(ref, runs.status(found.value.row.id)),
        metrics: run ? toMetricsView(ref, run.metrics()) : null,
      });
    },
    async deploy(ref) {
      const found = await flows.authorize(ref, "edit");
      return found.ok ? runs.deploy(found.value.row.id) : found;
    },
    async stop(ref) {
      const found = await flows.authorize(ref, "edit");
      return found.ok ? runs.stop(found.value.row.id) : found;
    },
    async deleteFlow(ref) {
      const removed = await flows.remove(ref);
      if (!removed.ok) return removed;
      await runs.forget(removed.value.flowId);
      viewLinkListeners.forEach((l) => l(removed.value.flowId));
      return success(null);
    },
    async regenerateViewLink(ref) {
      const link = await flows.regenerateViewLink(ref);
      if (!link.ok) return link;
      viewLinkListeners.forEach((l) => l(link.value.flowId));
      return success({ token: link.value.token, path: link.value.path });
    },
    async removeViewLink(ref) {
      const removed = await flows.removeViewLink(ref);
      if (!removed.ok) return removed;
      viewLinkListeners.forEach((l) => l(removed.value.flowId));
      return success(null);
    },
    fork: (ref) => flows.fork(ref),
    async recordedEvents(ref, filter, limit) {
      const run = await runOf(ref);
      return run.ok ? success(recordedEvents(run.value, filter, limit)) : run;
    },
    async trace(ref, eventId) {
      const run = await runOf(ref);
      if (!run.ok) return run;
      const trace = eventTrace(run.value, eventId);
      return trace
        ? success(trace)
        : failure(404, "This event is no longer held (beyond retention and history)");
    },
    onViewLinkChanged(listener) {
      viewLinkListeners.add(listener);
      return () => viewLinkListeners.delete(listener);
    },
  };
}

/**
 * The services of this process, built once and shared by route handlers and the custom
 * server (which Next bundles separately, hence globalThis). server/main.ts builds them first,
 * after applying the migrations, and hands in what only the server process may start (the
 * transform pool's child processes), so route bundles never import it.
 */
const holder = globalThis as typeof globalThis & { __eventloomServices?: Services };

export function services(processParts: { transforms?: TransformEvaluator } = {}): Services {
  if (!holder.__eventloomServices) {
    const config = env();
    const db = prismaFor(config.DATABASE_URL);
    const flows = flowService(flowsRepo(db));
    const runs = runRegistry(
      flows,
      {
        maxRunningFlows: config.MAX_RUNNING_FLOWS,
        maxFlowEventsPerSec: config.MAX_FLOW_EVENTS_PER_SEC,
        maxServerEventsPerSec: config.MAX_SERVER_EVENTS_PER_SEC,
        maxPayloadBytes: config.MAX_PAYLOAD_BYTES,
        historySize: config.RUN_HISTORY_SIZE,
        transformTimeoutMs: config.TRANSFORM_TIMEOUT_MS,
        transforms: processParts.transforms,
      },
      runningFlowsRepo(db),
    );
    holder.__eventloomServices = composeServices(flows, runs);
  }
  return holder.__eventloomServices;
}
