import type { IncomingMessage } from "node:http";
import type { Env } from "../env";
import type { GatewayEdge } from "../gateway";
import { requestOrigin } from "./forwarded";
import type { RateLimiter } from "./rate-limiter";
import { isAllowedOrigin } from "./request-guard";

/**
 * The front door's rules for the realtime channel: a browser handshake must come from the
 * app's own origin (or ALLOWED_ORIGINS), so another site cannot open a channel with its
 * visitors' links; controls spend the same per-client allowance however they arrive.
 */
export function socketEdge(
  config: Pick<Env, "TRUST_PROXY" | "ALLOWED_ORIGINS">,
  limiter: RateLimiter,
): GatewayEdge {
  return {
    allowRequest(req: IncomingMessage, callback) {
      const origin = req.headers.origin;
      if (origin === undefined) return callback(null, true);
      const { host } = requestOrigin(req, config.TRUST_PROXY);
      const ok = isAllowedOrigin(origin, host, config.ALLOWED_ORIGINS);
      callback(ok ? null : `Origin ${origin.slice(0, 100)} may not open the realtime channel`, ok);
    },
    takeControl(req: IncomingMessage) {
      const decision = limiter.take("controls", requestOrigin(req, config.TRUST_PROXY).client);
      return decision.ok
        ? null
        : `Too many controls from this client (limit ${decision.limitPerMinute} a minute): try again in ${decision.retryAfterSeconds} s`;
    },
  };
}
