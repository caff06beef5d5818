import type { Server } from "node:http";
import type { Socket } from "node:net";
import { normalizeAddress } from "./forwarded";

export interface ConnectionLimits {
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  keepAliveTimeoutMs: number;
  maxConnections: number;
  /** Open connections one address may hold; not applied behind a trusted proxy (all share its address). */
  maxConnectionsPerClient: number;
  trustedProxies: number;
}

/** Options for `http.createServer`: a request (headers and body) must arrive within its timeouts. */
export function serverTimeouts(limits: ConnectionLimits) {
  return {
    requestTimeout: limits.requestTimeoutMs,
    headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for requests past their timeouts (its default is 30 s).
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
}

/**
 * Caps open connections, in total and per client address, so one client holding thousands of
 * half-open connections cannot starve everyone else. Connections past a cap are closed at once.
 */
export function limitConnections(server: Server, limits: ConnectionLimits) {
  server.maxConnections = limits.maxConnections;
  // Node times out headers only once a request has begun: a connection that never sends a
  // byte would stay open for ever, so it gets the same time to start as headers get to finish.
  server.on("connection", (socket: Socket) => {
    const silent = setTimeout(() => socket.destroy(), limits.headersTimeoutMs);
    socket.once("data", () => clearTimeout(silent));
    socket.once("close", () => clearTimeout(silent));
  });
  if (limits.trustedProxies > 0) return;
  const open = new Map<string, number>();
  server.on("connection", (socket: Socket) => {
    const client = normalizeAddress(socket.remoteAddress);
    const count = (open.get(client) ?? 0) + 1;
    if (count > limits.maxConnectionsPerClient) {
      socket.destroy();
      return;
    }
    open.set(client, count);
    socket.once("close", () => {
      const left = (open.get(client) ?? 1) - 1;
      if (left <= 0) open.delete(client);
      else open.set(client, left);
    });
  });
}
