import type { z } from "zod";
import type { EventEnvelope } from "@/lib/events";
import { flowRoom, ZControlRequest, ZEventRequest, ZUnwatchRequest, ZWatchRequest, type Ack, type ControlRequest, type EventTrace, type WatchSnapshot } from "@/lib/realtime/protocol";
import { formatPath } from "@/lib/flow/validate";
import type { FlowRun } from "../runtime";
import type { Services } from "../services/container";
import { canAccessFlow } from "./access";
import type { GatewaySocket } from "./flow-channels";
import { toMetricsView } from "./metrics-view";

type Answer<T> = Ack<T> | Promise<Ack<T>>;
const refuse = (error: string): Ack<never> => ({ ok: false, error });
const NOT_FOUND = "No flow with this id: check the link";

/** Parses an inbound payload; a bad one is answered with each problem and changes nothing. */
function parse<S extends z.ZodType>(schema: S, payload: unknown): { ok: true; value: z.infer<S> } | { ok: false; answer: Ack<never> } {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({ path: formatPath(i.path) || "(message)", message: i.code === "unrecognized_keys" ? `unknown field ${i.keys.join(", ")}` : i.message }));
  return { ok: false, answer: { ok: false, error: `Malformed message: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`, issues } };
}

function applyControl(run: FlowRun, request: z.infer<typeof ZControlRequest>) {
  switch (request.action) {
    case "fire":
      return run.fire(request.nodeId, request.count);
    case "pause":
      return run.pauseProducer(request.nodeId);
    case "resume":
      return run.resumeProducer(request.nodeId);
    case "online":
    case "offline":
      return run.setConsumerOnline(request.nodeId, request.action === "online");
    case "replay":
      return run.resetGroupOffsets(request.nodeId, typeof request.from === "string" ? { to: request.from } : request.from);
  }
}

/** The request handlers of one socket; each answers through its acknowledgement. */
export function socketHandlers(socket: GatewaySocket, { flows, runs }: Services) {
  const watching = (flowId: string) => socket.rooms.has(flowRoom(flowId));
  const heldRun = (flowId: string): FlowRun | Ack<never> => (watching(flowId) ? (runs.run(flowId) ?? refuse("The flow has not run yet: deploy it first")) : refuse("Watch the flow first"));

  return {
    async watch(payload: unknown): Promise<Ack<WatchSnapshot>> {
      const request = parse(ZWatchRequest, payload);
      if (!request.ok) return request.answer;
      const { flowId, recent } = request.value;
      if (!(await canAccessFlow(flows, flowId))) return refuse(NOT_FOUND);
      await socket.join(flowRoom(flowId));
      const run = runs.run(flowId);
      return {
        ok: true,
        value: { status: runs.status(flowId), metrics: run ? toMetricsView(flowId, run.metrics()) : null, recent: run ? run.history.recent(recent) : [] },
      };
    },

    async unwatch(payload: unknown): Promise<Ack> {
      const request = parse(ZUnwatchRequest, payload);
      if (!request.ok) return request.answer;
      await socket.leave(flowRoom(request.value.flowId));
      return { ok: true, value: null };
    },

    control(payload: unknown): Answer<null> {
      const request = parse(ZControlRequest, payload);
      if (!request.ok) return request.answer;
      const run = heldRun(request.value.flowId);
      if ("ok" in run) return run;
      if (!runs.isRunning(request.value.flowId)) return refuse("The flow is not running: deploy it first");
      const result = applyControl(run, request.value);
      return result.ok ? { ok: true, value: null } : refuse(result.error.message);
    },

    event(payload: unknown): Answer<EventEnvelope> {
      const request = parse(ZEventRequest, payload);
      if (!request.ok) return request.answer;
      const run = heldRun(request.value.flowId);
      if ("ok" in run) return run;
      const event = run.getEvent(request.value.eventId);
      return event ? { ok: true, value: event } : refuse("This event is no longer held (beyond retention and history)");
    },

    trace(payload: unknown): Answer<EventTrace> {
      const request = parse(ZEventRequest, payload);
      if (!request.ok) return request.answer;
      const run = heldRun(request.value.flowId);
      if ("ok" in run) return run;
      const event = run.getEvent(request.value.eventId);
      const correlationId = event?.correlationid ?? run.history.query({ eventId: request.value.eventId, limit: 1 })[0]?.correlationId;
      if (!correlationId) return refuse("This event is no longer held (beyond retention and history)");
      const records = run.history.query({ correlationId, limit: 2000 });
      const ids = new Set([request.value.eventId, ...records.map((r) => r.eventId)]);
      const events = [...ids].map((id) => run.getEvent(id)).filter((e): e is EventEnvelope => e !== undefined);
      return { ok: true, value: { events, records } };
    },
  };
}

export type { ControlRequest };
