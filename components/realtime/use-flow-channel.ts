"use client";

import { useEffect, useMemo } from "react";
import type {
  Ack,
  ControlRequest,
  DeliveryBatch,
  EventTrace,
  MetricsSnapshot,
  RunStatus,
} from "@/lib/realtime/protocol";
import type { EventEnvelope } from "@/lib/events/envelope";
import type { ProduceInput, ProducedEvent } from "@/lib/api/produce";
import type { LiveStore } from "./create-live-store";
import { FrameQueue } from "./frame-queue";
import {
  acquireSocket,
  releaseSocket,
  withSharedSocket,
  type FlowSocket,
  requestControl,
  requestProduce,
  requestEvent,
  requestTrace,
  requestWatch,
} from "./socket-connection";

/** Rows of history asked for on (re)join, so the table is never blank. */
export const RECENT_ON_WATCH = 2_000;
const TICK_MS = 1_000;
const NOT_LOADED = "The connection's code could not be fetched; check the connection and try again.";

/** Requests about one watched flow; resolves to an Ack, never rejects. */
export interface FlowChannel {
  control: (request: DistributiveOmit<ControlRequest, "flowId">) => Promise<Ack>;
  /** Publishes one event made by hand (edit access only). */
  produce: (input: ProduceInput) => Promise<Ack<ProducedEvent>>;
  getEvent: (eventId: string) => Promise<Ack<EventEnvelope>>;
  getTrace: (eventId: string) => Promise<Ack<EventTrace>>;
}
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Watches `flowId` on `socket` and feeds `store` until the function it returns is called. */
function watchFlow(socket: FlowSocket, flowId: string, store: LiveStore): () => void {
  const queue = new FrameQueue(store);
  let generation = 0;
  let disposed = false;

  const watch = async () => {
    const mine = ++generation;
    queue.restart();
    store.getState().setConnection("connecting");
    const answer = await requestWatch(socket, { flowId, recent: RECENT_ON_WATCH });
    if (disposed || mine !== generation) return;
    if (!answer.ok)
      return store.getState().setConnection("offline", `Could not watch this flow: ${answer.error}`);
    store.getState().reset(answer.value);
    queue.started(answer.value.recent.reduce((max, r) => Math.max(max, r.seq), -1));
  };
  let closingMessage: string | null = null;
  const onDisconnect = (reason: string) => {
    generation++;
    queue.restart();
    store
      .getState()
      .setConnection(
        "offline",
        reason === "io client disconnect"
          ? null
          : reason === "io server disconnect" && closingMessage
            ? closingMessage
            : "Connection lost; reconnecting…",
      );
  };
  // The server says why before it lets a client go (too many requests, not reading).
  const onClosing = (info: { message: string }) => {
    closingMessage = `${info.message}. Reload the page to connect again`;
  };
  const onConnectError = () =>
    store.getState().setConnection("offline", "Cannot reach the server; retrying…");
  const onDeliveries = (batch: DeliveryBatch) => batch.flowId === flowId && queue.pushBatch(batch);
  const onMetrics = (snapshot: MetricsSnapshot) => snapshot.flowId === flowId && queue.pushMetrics(snapshot);
  const onStatus = (status: RunStatus) => status.flowId === flowId && queue.pushStatus(status);
  const onRevoked = (info: { flowId: string; message: string }) => {
    if (info.flowId !== flowId) return;
    generation++; // a view link that no longer grants access: stop listening, say why
    queue.restart();
    store.getState().setConnection("offline", info.message);
  };

  socket.on("connect", watch);
  socket.on("disconnect", onDisconnect);
  socket.on("connect_error", onConnectError);
  socket.on("deliveries", onDeliveries);
  socket.on("metrics", onMetrics);
  socket.on("status", onStatus);
  socket.on("revoked", onRevoked);
  socket.on("closing", onClosing);
  if (socket.connected) void watch();
  const ticker = setInterval(() => store.getState().tick(Date.now()), TICK_MS);

  return () => {
    disposed = true;
    clearInterval(ticker);
    queue.dispose();
    socket.off("connect", watch);
    socket.off("disconnect", onDisconnect);
    socket.off("connect_error", onConnectError);
    socket.off("deliveries", onDeliveries);
    socket.off("metrics", onMetrics);
    socket.off("status", onStatus);
    socket.off("revoked", onRevoked);
    socket.off("closing", onClosing);
    if (socket.connected) socket.emit("unwatch", { flowId });
  };
}

/**
 * Watches one flow over the page's Socket.IO connection and feeds its live store. On every
 * (re)connect it watches again and resets the store from the snapshot; messages are applied
 * once per animation frame. Idempotent under StrictMode's double mount.
 */
export function useFlowChannel(flowId: string, store: LiveStore): FlowChannel {
  useEffect(() => withSharedSocket((socket) => watchFlow(socket, flowId, store)), [flowId, store]);

  return useMemo<FlowChannel>(() => {
    // The socket is shared and lingers; acquiring per request would churn it, so requests borrow it.
    const withSocket = <T>(run: (socket: FlowSocket) => Promise<Ack<T>>): Promise<Ack<T>> =>
      acquireSocket().then(
        (socket) => run(socket).finally(releaseSocket),
        () => ({ ok: false, error: NOT_LOADED }),
      );
    return {
      control: (request) => withSocket((s) => requestControl(s, { ...request, flowId } as ControlRequest)),
      produce: (input) => withSocket((s) => requestProduce(s, { ...input, flowId })),
      getEvent: (eventId) => withSocket((s) => requestEvent(s, flowId, eventId)),
      getTrace: (eventId) => withSocket((s) => requestTrace(s, flowId, eventId)),
    };
  }, [flowId]);
}
