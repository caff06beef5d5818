import type { IncomingMessage, ServerResponse } from "node:http";
import { INGEST_PATH_PREFIX } from "@/lib/api/ingest";
import type { Env } from "../env";
import { requestOrigin, settleForwardedHeaders } from "./forwarded";
import { rateLimiter } from "./rate-limiter";
import { guardRequest } from "./request-guard";
import type { RoutePolicy } from "./route-policies";
import {
  contentSecurityPolicy,
  JSON_ONLY_SECURITY_HEADERS,
  newNonce,
  securityHeaders,
} from "./security-headers";

type FrontDoorConfig = Pick<
  Env,
  | "TRUST_PROXY"
  | "ALLOWED_ORIGINS"
  | "RATE_LIMIT_CREATES_PER_MIN"
  | "RATE_LIMIT_WRITES_PER_MIN"
  | "RATE_LIMIT_DEPLOYS_PER_MIN"
  | "RATE_LIMIT_CONTROLS_PER_MIN"
>;

/**
 * Paths served by a JSON-only endpoint ahead of Next: HTTP ingest answers every request under
 * its prefix itself (server/http/ingest-endpoint.ts), never a page, and puts
 * JSON_ONLY_SECURITY_HEADERS on each answer in its one writeHead. Compared on the raw target,
 * as the endpoint does, so both always agree on which requests are its own.
 */
export const isJsonOnlyPath = (url: string) => url.startsWith(INGEST_PATH_PREFIX);

/**
 * What every HTTP request passes before Next sees it: forwarded headers settled (believed only
 * from a trusted proxy), security headers set (with a fresh CSP nonce Next applies to its
 * scripts; JSON-only endpoints set their fixed ones themselves), and the request guard
 * (methods, URL, media type, Origin, rate limits).
 */
export function frontDoor(
  config: FrontDoorConfig,
  { dev = false, policies }: { dev?: boolean; policies?: RoutePolicy[] } = {},
) {
  const limiter = rateLimiter({
    creates: config.RATE_LIMIT_CREATES_PER_MIN,
    writes: config.RATE_LIMIT_WRITES_PER_MIN,
    deploys: config.RATE_LIMIT_DEPLOYS_PER_MIN,
    controls: config.RATE_LIMIT_CONTROLS_PER_MIN,
  });
  return {
    limiter,
    /** Answers a refused request itself; otherwise calls `pass` to hand it to Next. */
    handle(req: IncomingMessage, res: ServerResponse, pass: () => void) {
      const url = req.url ?? "/";
      const jsonOnly = isJsonOnlyPath(url);
      const origin = requestOrigin(req, config.TRUST_PROXY);
      settleForwardedHeaders(req, origin, config.TRUST_PROXY);
      if (!jsonOnly) {
        const policy = contentSecurityPolicy(newNonce(), dev);
        // Next reads the nonce from the request's policy header, as it would from a proxy's.
        req.headers["content-security-policy"] = policy;
        for (const [name, value] of Object.entries(securityHeaders(policy))) res.setHeader(name, value);
      }
      const refusal = guardRequest(
        {
          method: req.method ?? "GET",
          url,
          headers: req.headers,
          client: origin.client,
          host: origin.host,
        },
        { allowedOrigins: config.ALLOWED_ORIGINS, limiter, policies },
      );
      if (!refusal) return pass();
      const body = JSON.stringify({ error: refusal.error });
      res.writeHead(refusal.status, {
        ...(jsonOnly ? JSON_ONLY_SECURITY_HEADERS : {}),
        ...refusal.headers,
        "Content-Type": "application/json",
        "Content-Length": Buffer.byteLength(body),
        // The body of a refused request is not read: close rather than drain it.
        ...(req.method !== "GET" && req.method !== "HEAD" ? { Connection: "close" } : {}),
      });
      res.end(req.method === "HEAD" ? undefined : body);
    },
  };
}
export type FrontDoor = ReturnType<typeof frontDoor>;
