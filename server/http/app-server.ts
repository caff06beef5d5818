import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Env } from "../env";
import { limitConnections, serverTimeouts, type ConnectionLimits } from "../edge/connection-limits";
import { frontDoor } from "../edge/front-door";

/** A handler that answers the requests that are its own and returns false for the rest. */
export type OwnRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

type AppServerConfig = Parameters<typeof frontDoor>[0] &
  Pick<
    Env,
    | "REQUEST_TIMEOUT_MS"
    | "HEADERS_TIMEOUT_MS"
    | "KEEP_ALIVE_TIMEOUT_MS"
    | "MAX_CONNECTIONS"
    | "MAX_CONNECTIONS_PER_CLIENT"
    | "TRUST_PROXY"
  >;

/**
 * The HTTP server of the app, as `npm start` runs it: every request passes the front door
 * (forwarded headers, security headers, the request guard), then HTTP ingest and the metrics
 * scrape answer theirs ahead of the page router, and everything else goes to `pages` (Next).
 * Connection caps and timeouts apply to all of it. The ingest benchmark serves through this
 * same composition, so what it measures is what production runs.
 */
export function appServer(
  config: AppServerConfig,
  routes: {
    ingest: OwnRoutes;
    scrape: OwnRoutes;
    pages: (req: IncomingMessage, res: ServerResponse) => void;
  },
  { dev = false }: { dev?: boolean } = {},
) {
  const door = frontDoor(config, { dev });
  const limits: ConnectionLimits = {
    requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    headersTimeoutMs: config.HEADERS_TIMEOUT_MS,
    keepAliveTimeoutMs: config.KEEP_ALIVE_TIMEOUT_MS,
    maxConnections: config.MAX_CONNECTIONS,
    maxConnectionsPerClient: config.MAX_CONNECTIONS_PER_CLIENT,
    trustedProxies: config.TRUST_PROXY,
  };
  const { ingest, scrape, pages } = routes;
  const http = createServer(serverTimeouts(limits), (req, res) =>
    door.handle(req, res, () => {
      if (!ingest(req, res) && !scrape(req, res)) pages(req, res);
    }),
  );
  limitConnections(http, limits);
  return { http, door };
}
