import type { z } from "zod";
import type { EventEnvelope } from "@/lib/events";
import {
  flowRoom,
  viewRoom,
  ZControlRequest,
  ZEventRequest,
  ZUnwatchRequest,
  ZWatchRequest,
  type Ack,
  type EventTrace,
  type WatchSnapshot,
} from "@/lib/realtime/protocol";
import { formatPath } from "@/lib/flow/validate";
import type { FlowRun } from "../runtime";
import type { Services } from "../services/container";
import type { GatewaySocket } from "./flow-channels";
import { toMetricsView } from "./metrics-view";
import { eventTrace } from "../services/recorded-events";

const refuse = (error: string): Ack<never> => ({ ok: false, error });
const GONE = "This event is no longer held (beyond retention and history)";

/** Parses an inbound payload; a bad one is answered with each problem and changes nothing. */
function parse<S extends z.ZodType>(
  schema: S,
  payload: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; answer: Ack<never> } {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => ({
    path: formatPath(i.path) || "(message)",
    message: i.code === "unrecognized_keys" ? `unknown field ${i.keys.join(", ")}` : i.message,
  }));
  return {
    ok: false,
    answer: {
      ok: false,
      error: `Malformed message: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
      issues,
    },
  };
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
      return run.resetGroupOffsets(
        request.nodeId,
        typeof request.from === "string" ? { to: request.from } : request.from,
      );
  }
}

/** The request handlers of one socket; each answers through its acknowledgement. */
export function socketHandlers(socket: GatewaySocket, services: Services) {
  const { runs } = services;
  /** The run behind a reference this socket watches, or why there is none. */
  const watchedRun = (
    ref: string,
  ): { run: FlowRun; flowId: string; access: "view" | "edit" } | Ack<never> => {
    const watched = socket.data.refs[ref];
    if (!watched) return refuse("Watch the flow first");
    const run = runs.run(watched.flowId);
    return run ? { run, ...watched } : refuse("The flow has not run yet: deploy it first");
  };

  return {
    async watch(payload: unknown): Promise<Ack<WatchSnapshot>> {
      const request = parse(ZWatchRequest, payload);
      if (!request.ok) return request.answer;
      const { flowId: ref, recent } = request.value;
      const found = await services.flows.authorize(ref, "view");
      if (!found.ok) return refuse(found.body.error);
      const { row, access } = found.value;
      socket.data.refs[ref] = { flowId: row.id, access };
      await socket.join(access === "edit" ? flowRoom(row.id) : viewRoom(row.id));
      const run = runs.run(row.id);
      return {
        ok: true,
        value: {
          status: { ...runs.status(row.id), flowId: ref },
          metrics: run ? toMetricsView(ref, run.metrics()) : null,
          recent: run ? run.history.recent(recent) : [],
        },
      };
    },

    async unwatch(payload: unknown): Promise<Ack> {
      const request = parse(ZUnwatchRequest, payload);
      if (!request.ok) return request.answer;
      const watched = socket.data.refs[request.value.flowId];
      if (watched) {
        delete socket.data.refs[request.value.flowId];
        await socket.leave(watched.access === "edit" ? flowRoom(watched.flowId) : viewRoom(watched.flowId));
      }
      return { ok: true, value: null };
    },

    control(payload: unknown): Ack {
      const request = parse(ZControlRequest, payload);
      if (!request.ok) return request.answer;
      const watched = socket.data.refs[request.value.flowId];
      if (watched?.access === "view") return refuse("This is a view-only link: it cannot control the run");
      const found = watchedRun(request.value.flowId);
      if ("ok" in found) return found;
      if (!runs.isRunning(found.flowId)) return refuse("The flow is not running: deploy it first");
      const result = applyControl(found.run, request.value);
      return result.ok ? { ok: true, value: null } : refuse(result.error.message);
    },

    event(payload: unknown): Ack<EventEnvelope> {
      const request = parse(ZEventRequest, payload);
      if (!request.ok) return request.answer;
      const found = watchedRun(request.value.flowId);
      if ("ok" in found) return found;
      const event = found.run.getEvent(request.value.eventId);
      return event ? { ok: true, value: event } : refuse(GONE);
    },

    trace(payload: unknown): Ack<EventTrace> {
      const request = parse(ZEventRequest, payload);
      if (!request.ok) return request.answer;
      const found = watchedRun(request.value.flowId);
      if ("ok" in found) return found;
      const trace = eventTrace(found.run, request.value.eventId);
      return trace ? { ok: true, value: trace } : refuse(GONE);
    },
  };
}
