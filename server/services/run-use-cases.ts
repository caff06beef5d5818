import type { RunView } from "@/lib/api/flows";
import type { EventEnvelope } from "@/lib/events";
import type { DeliveryFilter } from "@/lib/events/delivery-filter";
import type { EventTrace, WatchSnapshot } from "@/lib/realtime/protocol";
import type { FlowRun } from "../runtime";
import type { Access } from "./access";
import type { FlowService } from "./flows";
import { toMetricsView } from "./metrics-view";
import { failure, success, type ServiceResult } from "./result";
import { applyControl, type RunControlRequest } from "./run-control";
import { eventTrace, recordedEvents } from "./recorded-events";
import type { RunRegistry } from "./runs";
import type { ProduceInput, ProducedEvent } from "@/lib/api/produce";
import { produceEvent } from "./produce";
import type { IngestAnswer } from "@/lib/api/ingest";
import type { IngestMode } from "@/lib/ingest/http-binding";
import type { IncomingEvent } from "@/lib/ingest/attributes";
import { freezeDeep } from "@/lib/events/envelope";
import { ingestTarget, publishIngested } from "./ingest-publish";

/** A reference's view of its flow's run, for a watcher: who it is, what it may do, what it sees now. */
export interface Watch {
  /** The flow's own id (never sent to a viewer). */
  flowId: string;
  access: Access;
  snapshot: WatchSnapshot;
}

/** The run use cases, the same for REST routes and socket messages; each checks access first. */
export function runUseCases(flows: FlowService, runs: RunRegistry) {
  /** The run behind a reference, or why there is none. */
  const runOf = async (ref: string): Promise<ServiceResult<FlowRun>> => {
    const found = await flows.authorize(ref, "view");
    if (!found.ok) return found;
    const run = runs.run(found.value.row.id);
    return run ? success(run) : failure(404, "The flow has not run yet: deploy it first");
  };
  /** Status and metrics as `ref` sees them: named by the reference, never by the flow's id. */
  const viewOf = (ref: string, flowId: string): RunView => {
    const run = runs.run(flowId);
    return {
      status: { ...runs.status(flowId), flowId: ref },
      metrics: run ? toMetricsView(ref, run.metrics()) : null,
    };
  };
  return {
    async runView(ref: string): Promise<ServiceResult<RunView>> {
      const found = await flows.authorize(ref, "view");
      return found.ok ? success(viewOf(ref, found.value.row.id)) : found;
    },

    /** What a new watcher needs: the run's status and metrics and its `recent` latest deliveries. */
    async watch(ref: string, recent: number): Promise<ServiceResult<Watch>> {
      const found = await flows.authorize(ref, "view");
      if (!found.ok) return found;
      const { row, access } = found.value;
      const run = runs.run(row.id);
      const snapshot = { ...viewOf(ref, row.id), recent: run ? run.history.recent(recent) : [] };
      return success({ flowId: row.id, access, snapshot });
    },

    async deploy(ref: string) {
      const found = await flows.authorize(ref, "edit");
      if (!found.ok) return found;
      // What people are editing is saved and kept as a revision first: the deploy runs exactly that.
      await flows.live.closeStretch(found.value.row.id);
      return runs.deploy(found.value.row.id);
    },

    async stop(ref: string) {
      const found = await flows.authorize(ref, "edit");
      return found.ok ? runs.stop(found.value.row.id) : found;
    },

    /** Fire, pause, resume, online/offline or replay, on a running flow the reference may edit. */
    async control(ref: string, request: RunControlRequest): Promise<ServiceResult<null>> {
      const found = await flows.authorize(ref, "view");
      if (!found.ok) return found;
      if (found.value.access === "view")
        return failure(403, "This is a view-only link: it cannot control the run");
      const run = runs.run(found.value.row.id);
      if (!run) return failure(404, "The flow has not run yet: deploy it first");
      if (!runs.isRunning(found.value.row.id))
        return failure(409, "The flow is not running: deploy it first");
      const result = await applyControl(run, request);
      return result.ok ? success(null) : failure(400, result.error.message);
    },

    /** Publishes one event made by hand into a topic (edit links only; view links get 403). */
    async produce(ref: string, input: ProduceInput): Promise<ServiceResult<ProducedEvent>> {
      const found = await flows.authorize(ref, "view");
      if (!found.ok) return found;
      if (found.value.access === "view")
        return failure(403, "This is a view-only link: it cannot produce events");
      const run = runs.run(found.value.row.id);
      if (!run) return failure(409, "The flow is not running: deploy it, then produce again");
      return produceEvent(run, input, runs.limits);
    },

    /**
     * Publishes events read by HTTP ingest (on this server or another one of the cluster) into
     * a topic of the run. `flowId` is the flow of a verified ingest key, never a reference
     * from a request: the key was the access check.
     */
    async ingest(
      flowId: string,
      topic: string,
      events: IncomingEvent[],
      mode: IngestMode,
    ): Promise<ServiceResult<IngestAnswer>> {
      const target = ingestTarget(runs.run(flowId), topic);
      // Events that came over the wire are frozen as the binding's are: they never change after publish.
      return target.ok ? publishIngested(target.value, freezeDeep(events), mode) : target;
    },

    /** One event of the run, while it is still held. */
    async event(ref: string, eventId: string): Promise<ServiceResult<EventEnvelope>> {
      const run = await runOf(ref);
      if (!run.ok) return run;
      const event = run.value.getEvent(eventId);
      return event ? success(event) : failure(404, GONE);
    },

    /** The CloudEvents behind the run's delivery records that match the filter. */
    async recordedEvents(
      ref: string,
      filter: DeliveryFilter,
      limit: number,
    ): Promise<ServiceResult<EventEnvelope[]>> {
      const run = await runOf(ref);
      return run.ok ? success(recordedEvents(run.value, filter, limit)) : run;
    },

    /** The causal trace of one event of the run. */
    async trace(ref: string, eventId: string): Promise<ServiceResult<EventTrace>> {
      const run = await runOf(ref);
      if (!run.ok) return run;
      const trace = eventTrace(run.value, eventId);
      return trace ? success(trace) : failure(404, GONE);
    },
  };
}

const GONE = "This event is no longer held (beyond retention and history)";

export type RunUseCases = ReturnType<typeof runUseCases>;
