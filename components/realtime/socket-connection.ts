"use client";

import type { Socket, io as ioOf } from "socket.io-client";
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

let client: Promise<{ io: typeof ioOf }> | null = null;
/** How long before trying again to fetch the client library, when it could not be fetched. */
const RETRY_MS = 2_000;

/**
 * The page's one Socket.IO connection (same origin, default path), shared by every watcher. The
 * client library loads with the first page that connects: a snapshot, which never does, goes
 * without its 13 KB. Give it back with `releaseSocket` once this resolves. Rejects when the
 * library cannot be fetched (the next call tries again).
 */
export async function acquireSocket(): Promise<FlowSocket> {
  const { io } = await (client ??= import("socket.io-client").catch((error: unknown) => {
    client = null;
    throw error;
  }));
  if (!shared)
    shared = { socket: io({ autoConnect: true, reconnectionDelayMax: 5_000 }), users: 0, closeTimer: null };
  if (shared.closeTimer) clearTimeout(shared.closeTimer);
  shared.closeTimer = null;
  shared.users++;
  if (shared.socket.disconnected && !shared.socket.active) shared.socket.connect();
  return shared.socket;
}

/**
 * For an effect: runs `use` with the page's socket once it is here, unless the function returned
 * was called first; that function undoes what `use` did and gives the socket back. While the
 * client library cannot be fetched it tries again every 2 s, as Socket.IO does to reconnect.
 */
export function withSharedSocket(use: (socket: FlowSocket) => () => void): () => void {
  let undo: (() => void) | null = null;
  let done = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const attempt = () =>
    acquireSocket().then(
      (socket) => {
        if (done) releaseSocket();
        else undo = use(socket);
      },
      () => {
        if (!done) retry = setTimeout(attempt, RETRY_MS);
      },
    );
  void attempt();
  return () => {
    done = true;
    clearTimeout(retry);
    if (!undo) return;
    undo();
    releaseSocket();
  };
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
