import type { Server, Socket } from "socket.io";
import { flowRoom, type ClientToServerEvents, type ServerToClientEvents } from "@/lib/realtime/protocol";
import type { RecordRange } from "../runtime";
import type { RunRegistry } from "../services/runs";
import { countAll, DeliveryWindow } from "./delivery-window";
import { toMetricsView } from "./metrics-view";

export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export interface SocketData {
  /** Records missed per flow while this client was too slow to be sent them. */
  missed: Record<string, number>;
}

export interface ChannelOptions {
  flushMs: number;
  rowsPerFlush: number;
  metricsMs: number;
  /** Whether a client is behind; injectable so tests can make one slow on purpose. */
  isSlow: (socket: GatewaySocket) => boolean;
}

/**
 * Fans run output out to the watchers of each flow: delivery records batched per window
 * (a sample plus exact counts) and a metrics snapshot per interval. Flows nobody watches
 * cost nothing here; a slow client is skipped, never waited for.
 */
export function flowChannels(io: GatewayServer, runs: RunRegistry, options: ChannelOptions) {
  const windows = new Map<string, DeliveryWindow>();
  const watched = (flowId: string) => (io.sockets.adapter.rooms.get(flowRoom(flowId))?.size ?? 0) > 0;

  function onRecords(flowId: string, range: RecordRange) {
    if (!watched(flowId)) return;
    let window = windows.get(flowId);
    if (!window) windows.set(flowId, (window = new DeliveryWindow(options.rowsPerFlush)));
    for (let seq = range.fromSeq; seq < range.toSeq; seq++) {
      const record = range.get(seq);
      if (record) window.add(record);
    }
  }

  function membersOf(flowId: string): GatewaySocket[] {
    const ids = io.sockets.adapter.rooms.get(flowRoom(flowId));
    const sockets: GatewaySocket[] = [];
    for (const id of ids ?? []) {
      const socket = io.sockets.sockets.get(id);
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  function flush() {
    for (const [flowId, window] of windows) {
      if (window.empty) continue;
      const batch = window.drain(flowId);
      const lost = countAll(batch.total);
      const sockets = membersOf(flowId);
      const skip: string[] = [];
      for (const socket of sockets) {
        const missed = socket.data.missed?.[flowId] ?? 0;
        if (options.isSlow(socket)) {
          socket.data.missed = { ...socket.data.missed, [flowId]: missed + lost };
          skip.push(socket.id);
        } else if (missed > 0) {
          socket.emit("deliveries", { ...batch, missed });
          socket.data.missed[flowId] = 0;
          skip.push(socket.id);
        }
      }
      io.to(flowRoom(flowId)).except(skip).emit("deliveries", { ...batch, missed: 0 });
    }
    for (const [flowId, window] of windows) if (window.empty && !watched(flowId)) windows.delete(flowId);
  }

  function sendMetrics() {
    for (const [room, members] of io.sockets.adapter.rooms) {
      if (!room.startsWith("flow:") || members.size === 0) continue;
      const flowId = room.slice(5);
      const run = runs.run(flowId);
      if (run && runs.isRunning(flowId)) io.to(room).emit("metrics", toMetricsView(flowId, run.metrics()));
    }
  }

  const flushTimer = setInterval(flush, options.flushMs);
  const metricsTimer = setInterval(sendMetrics, options.metricsMs);
  const unsubscribe = runs.subscribe({
    onRecords,
    onStatus: (status) => {
      io.to(flowRoom(status.flowId)).emit("status", status);
      // The final numbers of a run that stopped, so counters do not freeze one second early.
      const run = runs.run(status.flowId);
      if (run && status.state === "stopped") io.to(flowRoom(status.flowId)).emit("metrics", toMetricsView(status.flowId, run.metrics()));
    },
  });
  return {
    flush,
    close() {
      clearInterval(flushTimer);
      clearInterval(metricsTimer);
      unsubscribe();
    },
  };
}
