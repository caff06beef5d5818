import type * as z from "@/lib/zod";
import type { EventEnvelope } from "@/lib/events";
import type { ProducedEvent } from "@/lib/api/produce";
import { flowRoom, viewRoom, type Ack, type EventTrace, type WatchSnapshot } from "@/lib/realtime/protocol";
import {
  ZControlRequest,
  ZEventRequest,
  ZProduceRequest,
  ZUnwatchRequest,
  ZWatchRequest,
} from "@/lib/realtime/requests";
import { formatPath } from "@/lib/flow/validate";
import type { ServiceResult } from "../services/result";
import type { Services } from "../services/use-cases";
import type { GatewaySocket } from "./flow-channels";

const refuse = (error: string): Ack<never> => ({ ok: false, error });

/** Parses an inbound payload; a bad one is answered with each problem and changes nothing. */
export function parse<S extends z.ZodMiniType>(
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

/** A use case's answer as an acknowledgement: the value, or its error in the same words as over REST. */
const toAck = <T>(result: ServiceResult<T>): Ack<T> =>
  result.ok ? { ok: true, value: result.value } : refuse(result.body.error);

/**
 * The request handlers of one socket; each answers through its acknowledgement. They parse the
 * payload, keep the socket's watch list and rooms, and call the same use cases as the REST
 * routes for everything else.
 */
export function socketHandlers(socket: GatewaySocket, services: Services) {
  /** Only references this socket watches (and was not let go from) may be asked about. */
  const watching = (ref: string) => socket.data.refs[ref] !== undefined;
  const NOT_WATCHED = refuse("Watch the flow first");

  return {
    async watch(payload: unknown): Promise<Ack<WatchSnapshot>> {
      const request = parse(ZWatchRequest, payload);
      if (!request.ok) return request.answer;
      const { flowId: ref, recent } = request.value;
      const watch = await services.watch(ref, recent);
      if (!watch.ok) return toAck(watch);
      const { flowId, access, snapshot } = watch.value;
      socket.data.refs[ref] = { flowId, access };
      await socket.join(access === "edit" ? flowRoom(flowId) : viewRoom(flowId));
      return { ok: true, value: snapshot };
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

    async control(payload: unknown): Promise<Ack> {
      const request = parse(ZControlRequest, payload);
      if (!request.ok) return request.answer;
      if (!watching(request.value.flowId)) return NOT_WATCHED;
      return toAck(await services.control(request.value.flowId, request.value));
    },

    async produce(payload: unknown): Promise<Ack<ProducedEvent>> {
      const request = parse(ZProduceRequest, payload);
      if (!request.ok) return request.answer;
      if (!watching(request.value.flowId)) return NOT_WATCHED;
      const { flowId: ref, ...input } = request.value;
      const result = await services.produce(ref, input);
      return result.ok
        ? { ok: true, value: result.value }
        : {
            ok: false,
            error: result.body.error,
            ...(result.body.issues ? { issues: result.body.issues } : {}),
          };
    },

    async event(payload: unknown): Promise<Ack<EventEnvelope>> {
      const request = parse(ZEventRequest, payload);
      if (!request.ok) return request.answer;
      if (!watching(request.value.flowId)) return NOT_WATCHED;
      return toAck(await services.event(request.value.flowId, request.value.eventId));
    },

    async trace(payload: unknown): Promise<Ack<EventTrace>> {
      const request = parse(ZEventRequest, payload);
      if (!request.ok) return request.answer;
      if (!watching(request.value.flowId)) return NOT_WATCHED;
      return toAck(await services.trace(request.value.flowId, request.value.eventId));
    },
  };
}
