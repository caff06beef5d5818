import type { Server, Socket } from "socket.io";
import {
  flowRoom,
  viewRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from "@/lib/realtime/protocol";
import type { RecordRange } from "../runtime";
import type { RunRegistry } from "../services/runs";
import { countAll, DeliveryWindow } from "./delivery-window";
import { toMetricsView } from "../services/metrics-view";
import { WATCHING_EVERY_MS, type RemoteWatchers, type WatchedFlow, type Watching } from "./remote-watchers";
import { sharedMetrics, type ShareMetrics } from "./shared-metrics";
import type { SpreadRuns } from "../services/spread-runs";

/** What the servers of a cluster tell each other through the Socket.IO adapter. */
export interface InterServerEvents {
  watching: (word: Watching) => void;
  shareMetrics: (word: ShareMetrics) => void;
}
export type GatewayServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type GatewaySocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export interface SocketData {
  /** The references this client watches (flow id or view token) and what each grants. */
  refs: Record<string, { flowId: string; access: "view" | "edit" }>;
  /** Records missed per flow while this client was too slow to be sent them. */
  missed: Record<string, number>;
  /** Why the server let this client go, once it has. */
  closing?: "rate-limit" | "not-reading";
  /** The flow documents this client co-edits or views, by the reference it joined with. */
  docs: Record<string, string>;
}

export interface ChannelOptions {
  flushMs: number;
  rowsPerFlush: number;
  metricsMs: number;
  /** Whether a client is behind; injectable so tests can make one slow on purpose. */
  isSlow: (socket: GatewaySocket) => boolean;
  /**
   * In a cluster: this server's name and what the other servers' browsers watch. Batches,
   * metrics and statuses of the runs this server owns then go through the adapter to them too.
   */
  cluster?: { server: string; remote: RemoteWatchers; spread?: SpreadRuns };
}

/** A room of watchers and the reference they know the flow by (a viewer never sees the id). */
interface Audience {
  room: string;
  ref: string;
  members: GatewaySocket[];
}

/**
 * Fans run output out to the watchers of each flow: delivery records batched per window
 * (a sample plus exact counts) and a metrics snapshot per interval. Flows nobody watches
 * cost nothing here; a slow client is skipped, never waited for.
 */
export function flowChannels(io: GatewayServer, runs: RunRegistry, options: ChannelOptions) {
  const windows = new Map<string, DeliveryWindow>();
  const roomSize = (room: string) => io.sockets.adapter.rooms.get(room)?.size ?? 0;
  const remote = options.cluster?.remote;
  const server = options.cluster?.server;
  const spread = options.cluster?.spread;
  // The owner's side of a spread run: the other servers' numbers, added to its own.
  const shares = sharedMetrics(() => performance.now());
  const watchedHere = (flowId: string) => roomSize(flowRoom(flowId)) + roomSize(viewRoom(flowId)) > 0;
  const watched = (flowId: string) => {
    if (watchedHere(flowId)) return true;
    const there = remote?.of(flowId);
    return !!there && (there.editors || there.viewRef !== undefined);
  };

  function membersOf(room: string): GatewaySocket[] {
    const sockets: GatewaySocket[] = [];
    for (const id of io.sockets.adapter.rooms.get(room) ?? []) {
      const socket = io.sockets.sockets.get(id);
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  function audiences(flowId: string): Audience[] {
    const out: Audience[] = [];
    const there = remote?.of(flowId);
    const editors = membersOf(flowRoom(flowId));
    if (editors.length || there?.editors) out.push({ room: flowRoom(flowId), ref: flowId, members: editors });
    const viewers = membersOf(viewRoom(flowId));
    const token = viewers.length ? viewTokenOf(viewers[0], flowId) : there?.viewRef;
    if (token) out.push({ room: viewRoom(flowId), ref: token, members: viewers });
    return out;
  }

  function onRecords(flowId: string, range: RecordRange) {
    if (!watched(flowId)) return;
    let window = windows.get(flowId);
    if (!window) windows.set(flowId, (window = new DeliveryWindow(options.rowsPerFlush)));
    for (let seq = range.fromSeq; seq < range.toSeq; seq++) {
      const slot = window.count(range.outcomeAt(seq), range.edgeIdAt(seq));
      if (slot < 0) continue;
      const row = range.get(seq)!;
      // In a cluster, each row says which server handled it.
      window.keep(slot, server === undefined ? row : { ...row, server });
    }
  }

  function flush() {
    for (const [flowId, window] of windows) {
      if (window.empty) continue;
      const batch = window.drain(flowId);
      const lost = countAll(batch.total);
      for (const { room, ref, members } of audiences(flowId)) {
        const skip: string[] = [];
        for (const socket of members) {
          const missed = socket.data.missed[ref] ?? 0;
          if (options.isSlow(socket)) {
            socket.data.missed[ref] = missed + lost;
            skip.push(socket.id);
          } else if (missed > 0) {
            socket.emit("deliveries", { ...batch, flowId: ref, missed });
            socket.data.missed[ref] = 0;
            skip.push(socket.id);
          }
        }
        io.to(room)
          .except(skip)
          .emit("deliveries", { ...batch, flowId: ref, missed: 0 });
      }
    }
    for (const [flowId, window] of windows) if (window.empty && !watched(flowId)) windows.delete(flowId);
  }

  function sendMetrics(flowId: string) {
    const run = runs.run(flowId);
    if (!run) return;
    const metrics = shares.merge(flowId, toMetricsView(flowId, run.metrics()));
    for (const { room, ref } of audiences(flowId)) io.to(room).emit("metrics", { ...metrics, flowId: ref });
  }

  /** A member's numbers of the spread runs it reads a share of, to their owners. */
  function sendShares() {
    if (server === undefined) return;
    for (const { flowId, run } of spread?.memberRuns() ?? [])
      if (watched(flowId))
        io.serverSideEmit("shareMetrics", {
          server,
          flowId,
          nodes: toMetricsView(flowId, run.metrics()).nodes,
        });
  }

  function sendAllMetrics() {
    const flows = new Set<string>();
    for (const [room, members] of io.sockets.adapter.rooms) {
      if (members.size > 0 && (room.startsWith("flow:") || room.startsWith("view:")))
        flows.add(room.slice(5));
    }
    for (const flowId of remote?.flows() ?? []) flows.add(flowId);
    for (const flowId of flows) if (runs.isRunning(flowId)) sendMetrics(flowId);
    sendShares();
  }

  /** What this server's own browsers watch, as the other servers need to hear it. */
  function watchedByMe(): WatchedFlow[] {
    const flows = new Map<string, WatchedFlow>();
    for (const [room, members] of io.sockets.adapter.rooms) {
      if (members.size === 0 || !(room.startsWith("flow:") || room.startsWith("view:"))) continue;
      const flowId = room.slice(5);
      const entry = flows.get(flowId) ?? { flowId, editors: false };
      if (room.startsWith("flow:")) entry.editors = true;
      else {
        const first = io.sockets.sockets.get(members.values().next().value!);
        const token = first && viewTokenOf(first, flowId);
        if (token) entry.viewRef = token;
      }
      flows.set(flowId, entry);
    }
    return [...flows.values()];
  }
  let announcing: NodeJS.Timeout | undefined;
  const announce = () => {
    if (!options.cluster) return;
    io.serverSideEmit("watching", { server: options.cluster.server, flows: watchedByMe() });
  };
  // A browser that starts watching is heard by the owner at once, not at the next beat.
  const announceSoon = (room: string) => {
    if (!options.cluster || !(room.startsWith("flow:") || room.startsWith("view:")) || announcing) return;
    announcing = setTimeout(() => {
      announcing = undefined;
      announce();
    }, 20);
  };

  /** Lets go of the viewers of a flow whose view link changed: their token grants nothing now. */
  function revokeViewers(flowId: string) {
    for (const socket of membersOf(viewRoom(flowId))) {
      for (const [ref, r] of Object.entries(socket.data.refs)) {
        if (r.flowId !== flowId || r.access !== "view") continue;
        delete socket.data.refs[ref];
        socket.emit("revoked", {
          flowId: ref,
          message: "This view link is no longer valid: ask for a new one",
        });
      }
      void socket.leave(viewRoom(flowId));
    }
  }

  const flushTimer = setInterval(flush, options.flushMs);
  const metricsTimer = setInterval(sendAllMetrics, options.metricsMs);
  const announceTimer = options.cluster ? setInterval(announce, WATCHING_EVERY_MS) : undefined;
  if (remote) io.on("watching", (word) => remote.heard(word));
  if (remote) io.on("shareMetrics", (word) => shares.heard(word));
  io.sockets.adapter.on("join-room", announceSoon);
  const unsubscribeSpread = spread?.subscribe({ onRecords, onStatus: () => {} });
  const unsubscribe = runs.subscribe({
    onRecords,
    onStatus: (status) => {
      for (const { room, ref } of audiences(status.flowId))
        io.to(room).emit("status", { ...status, flowId: ref });
      // The final numbers of a run that stopped, so counters do not freeze one second early.
      if (status.state === "stopped") sendMetrics(status.flowId);
    },
  });
  return {
    flush,
    revokeViewers,
    close() {
      clearInterval(flushTimer);
      clearInterval(metricsTimer);
      clearInterval(announceTimer);
      clearTimeout(announcing);
      io.sockets.adapter.off("join-room", announceSoon);
      unsubscribe();
      unsubscribeSpread?.();
    },
  };
}

/** The view token a viewer socket joined this flow with. */
function viewTokenOf(socket: GatewaySocket, flowId: string): string | undefined {
  return Object.entries(socket.data.refs).find(([, r]) => r.flowId === flowId && r.access === "view")?.[0];
}
