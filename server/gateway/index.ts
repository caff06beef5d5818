import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import { PROTOCOL_VERSION } from "@/lib/realtime/protocol";
import type { Services } from "../services/use-cases";
import { flowChannels, type ChannelOptions, type GatewayServer } from "./flow-channels";
import { socketHandlers } from "./handlers";
import { isSlow } from "./back-pressure";
import { SOCKET_LIMITS, socketGuard, type SocketLimits } from "./socket-guard";

const HANDLED = new Set(["watch", "unwatch", "control", "event:get", "trace:get"]);
const DEFAULTS: ChannelOptions = { flushMs: 100, rowsPerFlush: 200, metricsMs: 1000, isSlow };

/**
 * The realtime channel: Socket.IO on the app's own HTTP server. Every inbound message is
 * validated and answered through its acknowledgement; nothing a client sends can throw here.
 */
export function attachGateway(
  http: HttpServer,
  services: Services,
  version: string,
  options: Partial<ChannelOptions> & { socketLimits?: Partial<SocketLimits> } = {},
) {
  const limits: SocketLimits = { ...SOCKET_LIMITS, ...options.socketLimits };
  const io: GatewayServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    destroyUpgrade: false,
  });
  const channels = flowChannels(io, services.runs, { ...DEFAULTS, ...options });

  const stopRevoking = services.onViewLinkChanged(channels.revokeViewers);

  io.on("connection", (socket) => {
    socket.data.refs = {};
    socket.data.missed = {};
    socket.emit("hello", { protocol: PROTOCOL_VERSION, version });
    const handlers = socketHandlers(socket, services);
    const guard = socketGuard(socket, limits, options.isSlow ?? isSlow);
    // Every packet, known event or not, passes the guard before any handler sees it.
    socket.use((packet, next) => {
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
    answer("control", handlers.control);
    answer("event:get", handlers.event);
    answer("trace:get", handlers.trace);
  });

  return {
    io,
    flush: channels.flush,
    close: () => {
      stopRevoking();
      channels.close();
      io.close();
    },
  };
}
