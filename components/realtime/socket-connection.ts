"use client";

import { io, type Socket } from "socket.io-client";
import type {
  Ack,
  ClientToServerEvents,
  ControlRequest,
  EventTrace,
  ProduceRequest,
  ServerToClientEvents,
  WatchRequest,
  WatchSnapshot,
} from "@/lib/realtime/protocol";
import type { EventEnvelope } from "@/lib/events/envelope";
import type { ProducedEvent } from "@/lib/api/produce";

export type FlowSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How long a request waits for its acknowledgement before it counts as failed. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** A released socket lingers this long, so React's StrictMode remount reuses it instead of reconnecting. */
const LINGER_MS = 1_000;

let shared: { socket: FlowSocket; users: number; closeTimer: ReturnType<typeof setTimeout> | null } | null =
  null;

/** The page's one Socket.IO connection (same origin, default path), shared by every watcher. */
export function acquireSocket(): FlowSocket {
  if (!shared)
    shared = { socket: io({ autoConnect: true, reconnectionDelayMax: 5_000 }), users: 0, closeTimer: null };
  if (shared.closeTimer) clearTimeout(shared.closeTimer);
  shared.closeTimer = null;
  shared.users++;
  if (shared.socket.disconnected && !shared.socket.active) shared.socket.connect();
  return shared.socket;
}

/** Gives the socket back; the last user's release closes it after a short linger. */
export function releaseSocket(): void {
  if (!shared) return;
  shared.users = Math.max(0, shared.users - 1);
  if (shared.users > 0) return;
  const closing = shared;
  closing.closeTimer = setTimeout(() => {
    if (shared === closing && closing.users === 0) {
      closing.socket.disconnect();
      shared = null;
    }
  }, LINGER_MS);
}

const timedOut = (what: string): { ok: false; error: string } => ({
  ok: false,
  error: `The server did not answer the ${what} request in time; check the connection and try again.`,
});

export function requestWatch(socket: FlowSocket, request: WatchRequest): Promise<Ack<WatchSnapshot>> {
  return new Promise((resolve) =>
    socket
      .timeout(REQUEST_TIMEOUT_MS)
      .emit("watch", request, (err, answer) => resolve(err ? timedOut("watch") : answer)),
  );
}

export function requestControl(socket: FlowSocket, request: ControlRequest): Promise<Ack> {
  return new Promise((resolve) =>
    socket
      .timeout(REQUEST_TIMEOUT_MS)
      .emit("control", request, (err, answer) => resolve(err ? timedOut(request.action) : answer)),
  );
}

export function requestEvent(
  socket: FlowSocket,
  flowId: string,
  eventId: string,
): Promise<Ack<EventEnvelope>> {
  return new Promise((resolve) =>
    socket
      .timeout(REQUEST_TIMEOUT_MS)
      .emit("event:get", { flowId, eventId }, (err, answer) => resolve(err ? timedOut("event") : answer)),
  );
}

export function requestTrace(socket: FlowSocket, flowId: string, eventId: string): Promise<Ack<EventTrace>> {
  return new Promise((resolve) =>
    socket
      .timeout(REQUEST_TIMEOUT_MS)
      .emit("trace:get", { flowId, eventId }, (err, answer) => resolve(err ? timedOut("trace") : answer)),
  );
}

export function requestProduce(socket: FlowSocket, request: ProduceRequest): Promise<Ack<ProducedEvent>> {
  return new Promise((resolve) =>
    socket
      .timeout(REQUEST_TIMEOUT_MS)
      .emit("produce", request, (err, answer) => resolve(err ? timedOut("produce") : answer)),
  );
}
