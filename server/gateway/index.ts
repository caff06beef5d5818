import type { IncomingMessage, Server as HttpServer } from "node:http";
import { Server, type ServerOptions } from "socket.io";
import { MAX_DOC_MESSAGE_BYTES, PROTOCOL_VERSION } from "@/lib/realtime/protocol";
import type { Services } from "../services/use-cases";
import { flowChannels, type ChannelOptions, type GatewayServer } from "./flow-channels";
import { socketHandlers } from "./handlers";
import { docHandlers } from "./doc-handlers";
import { localDocHost, socketPeer } from "./doc-host";
import { clusterDocHost, type DocCluster } from "../cluster/doc-relay";
import { isSlow } from "./back-pressure";
import { SOCKET_LIMITS, socketGuard, type SocketLimits } from "./socket-guard";
import { remoteWatchers } from "./remote-watchers";

const HANDLED = new Set([
  "watch",
  "unwatch",
  "control",
  "produce",
  "event:get",
  "trace:get",
  "doc:join",
  "doc:leave",
]);
const DOC_EVENTS = new Set(["doc:sync", "doc:presence"]);
/**
 * Sync and presence messages of one socket: a browser sends at most ~25 document and ~20
 * presence messages a second (it batches what a drag makes), so this leaves room for both.
 */
export const DOC_LIMITS: SocketLimits = {
  messagesPerSec: 60,
  burst: 120,
  maxInFlight: 32,
  maxStrikes: 200,
  strikeWindowMs: 10_000,
  maxSlowMs: 10_000,
};

/** What the HTTP front door decides for the realtime channel: which origins, how many controls. */
export interface GatewayEdge {
  /** Whether a handshake may open a connection (its Origin is the app's own or allowed). */
  allowRequest: (req: IncomingMessage, callback: (err: string | null, ok: boolean) => void) => void;
  /** Spends one control of the socket's client; an error message when over its rate. */
  takeControl: (req: IncomingMessage) => string | null;
}
/**
 * A cluster's realtime channel: the Socket.IO adapter that carries broadcasts between the servers
 * (the Redis Streams adapter, made by server/cluster) and this server's name.
 */
export interface GatewayCluster {
  server: string;
  adapter: ServerOptions["adapter"];
  /** Co-editing across the servers: each flow's document on the server holding its lease. */
  docs?: DocCluster;
}
/** How long a browser that lost its connection can come back and be sent what it missed. */
export const RECOVERY_WINDOW_MS = 60_000;

const DEFAULTS: ChannelOptions = { flushMs: 100, rowsPerFlush: 200, metricsMs: 1000, isSlow };

/**
 * The realtime channel: Socket.IO on the app's own HTTP server. Every inbound message is
 * validated and answered through its acknowledgement; nothing a client sends can throw here.
 */
export function attachGateway(
  http: HttpServer,
  services: Services,
  version: string,
  options: Partial<Omit<ChannelOptions, "cluster">> & {
    socketLimits?: Partial<SocketLimits>;
    docLimits?: Partial<SocketLimits>;
    cluster?: GatewayCluster;
  } = {},
  edge?: GatewayEdge,
) {
  const limits: SocketLimits = { ...SOCKET_LIMITS, ...options.socketLimits };
  const io: GatewayServer = new Server(http, {
    serveClient: false,
    // A co-editing message may carry a whole imported flow; every other message is bounded by its schema.
    maxHttpBufferSize: MAX_DOC_MESSAGE_BYTES + 4096,
    destroyUpgrade: false,
    ...(edge ? { allowRequest: edge.allowRequest } : {}),
    // In a cluster, a browser that reconnects (to any server) within the window is sent the
    // broadcasts it missed, from the adapter's Redis stream; later, its watch catches up from
    // the run's history. One server alone does not keep them: its watch snapshot is enough.
    ...(options.cluster
      ? {
          adapter: options.cluster.adapter,
          connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: true },
        }
      : {}),
  });
  const { cluster, ...channelOptions } = options;
  const channels = flowChannels(io, services.runs, {
    ...DEFAULTS,
    ...channelOptions,
    ...(cluster
      ? {
          cluster: {
            server: cluster.server,
            remote: remoteWatchers(() => performance.now()),
            spread: services.spread,
          },
        }
      : {}),
  });

  const stopRevoking = services.onViewLinkChanged(channels.revokeViewers);
  // One server alone keeps every document here; a cluster reaches a relayed socket through the adapter.
  const docHost = cluster?.docs
    ? clusterDocHost(services.live, cluster.docs, (seat) =>
        socketPeer(seat, (event, ...args) => io.to(seat.socketId).emit(event, ...args)),
      )
    : { ...localDocHost(services.live), close: () => {} };

  io.on("connection", (socket) => {
    // A recovered connection keeps its rooms and what it watches; a new one starts empty.
    // Documents are joined afresh either way (the browser joins again on every connect).
    if (!socket.recovered) {
      socket.data.refs = {};
      socket.data.missed = {};
    }
    socket.data.docs = {};
    socket.emit("hello", { protocol: PROTOCOL_VERSION, version });
    const handlers = socketHandlers(socket, services);
    const guard = socketGuard(socket, limits, options.isSlow ?? isSlow);
    const docGuard = socketGuard(socket, { ...DOC_LIMITS, ...options.docLimits }, options.isSlow ?? isSlow);
    // Every packet, known event or not, passes the guard before any handler sees it.
    socket.use((packet, next) => {
      if (DOC_EVENTS.has(packet[0])) {
        // Co-editing messages have a budget of their own: a drag sends many small ones.
        const admitted = docGuard.admit();
        if (admitted.ok) return next();
        const flowId = (packet[1] as { flowId?: unknown } | undefined)?.flowId;
        if (admitted.answer !== null && typeof flowId === "string")
          socket.emit("doc:refused", { flowId: flowId.slice(0, 64), error: admitted.answer });
        return;
      }
      const admitted = guard.admit();
      if (!admitted.ok) {
        const ack = packet[packet.length - 1];
        if (admitted.answer !== null && typeof ack === "function") ack({ ok: false, error: admitted.answer });
        return;
      }
      if (HANDLED.has(packet[0])) return next();
      guard.done(); // nothing handles it: it counted against the rate, and goes no further
    });
    const answer = (name: string, handle: (payload: unknown) => unknown) =>
      socket.on(name as "watch", async (payload: unknown, ack: unknown) => {
        let reply: unknown;
        try {
          reply = await handle(payload);
        } catch (error) {
          console.error(`[gateway] ${name} failed`, error);
          reply = { ok: false, error: "The server could not handle this message; nothing was changed" };
        } finally {
          guard.done();
        }
        if (typeof ack === "function") ack(reply);
      });
    answer("watch", handlers.watch);
    answer("unwatch", handlers.unwatch);
    answer("control", (payload) => {
      const refused = edge?.takeControl(socket.request);
      return refused ? { ok: false, error: refused } : handlers.control(payload);
    });
    answer("produce", (payload) => {
      const refused = edge?.takeControl(socket.request);
      return refused ? { ok: false, error: refused } : handlers.produce(payload);
    });
    answer("event:get", handlers.event);
    answer("trace:get", handlers.trace);
    const docs = docHandlers(socket, services, docHost);
    answer("doc:join", docs.join);
    answer("doc:leave", docs.leave);
    // Sync and presence messages are many and small: no acknowledgement, problems come back as doc:refused.
    const relay = (name: "doc:sync" | "doc:presence", handle: (payload: unknown) => Promise<void>) =>
      socket.on(name, (payload: unknown) =>
        handle(payload)
          .catch((error) => console.error(`[gateway] ${name} failed`, error))
          .finally(() => docGuard.done()),
      );
    relay("doc:sync", docs.sync);
    relay("doc:presence", docs.presence);
    socket.on(
      "disconnect",
      () => void docs.disconnect().catch((e) => console.error("[gateway] leave failed", e)),
    );
  });

  return {
    io,
    flush: channels.flush,
    close: () => {
      stopRevoking();
      docHost.close();
      channels.close();
      io.close();
    },
  };
}
