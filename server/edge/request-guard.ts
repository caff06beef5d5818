import { policyFor, ROUTE_POLICIES, type RoutePolicy } from "./route-policies";
import type { RateLimiter } from "./rate-limiter";

/** Methods the app answers; anything else (TRACE, CONNECT, PROPFIND, …) is 405 at the door. */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** What the front door needs to know about a request. */
export interface GuardedRequest {
  method: string;
  /** The raw request target, e.g. `/api/flows/abc?x=1`. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  client: string;
  /** The host (and port) the client asked for. */
  host: string | undefined;
}

export interface Refusal {
  status: 400 | 403 | 405 | 413 | 415 | 429;
  error: string;
  headers?: Record<string, string>;
}

export interface GuardOptions {
  /** Origins besides the request's own host that may send state-changing requests. */
  allowedOrigins: readonly string[];
  limiter: RateLimiter;
  policies?: readonly RoutePolicy[];
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(",") : value);

/** The decoded path, or null when the target is not a well-formed URL path (bad %-escapes, …). */
export function decodedPath(url: string): string | null {
  if (!url.startsWith("/") || url.startsWith("//")) return null;
  const query = url.indexOf("?");
  const fragment = url.indexOf("#");
  const end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
  const path = end < 0 ? url : url.slice(0, end);
  try {
    // Most paths have no %-escape to decode (every ingest request, on the hot path).
    const decoded = path.includes("%") ? decodeURIComponent(path) : path;
    // A NUL or other control character in a path is never a real page or resource.
    // eslint-disable-next-line no-control-regex -- finding control characters is the point
    return /[\u0000-\u001f\u007f]/.test(decoded) ? null : decoded;
  } catch {
    return null;
  }
}

/** True when `origin` (an Origin header) is the app itself or one of the allowed origins. */
export function isAllowedOrigin(
  origin: string,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.origin === "null") return false;
  // Same host and port is the app itself, whichever scheme a proxy in front terminated.
  if (host !== undefined && parsed.host === host.toLowerCase()) return true;
  return allowed.includes(parsed.origin);
}

/**
 * Decides, before the request reaches Next, whether it is well-formed and allowed: 405 for
 * methods the app does not answer, 400 for malformed paths, 415 for bodies the API does not
 * read (wrong media type, an encoding it does not decode), 403 for a foreign Origin on a
 * state-changing request, 429 past the client's rate. Returns null to let it through.
 */
export function guardRequest(req: GuardedRequest, options: GuardOptions): Refusal | null {
  const method = req.method.toUpperCase();
  if (!(ALLOWED_METHODS as readonly string[]).includes(method))
    return {
      status: 405,
      error: `Method ${method.slice(0, 20)} is not allowed; use ${ALLOWED_METHODS.join(", ")}`,
      headers: { Allow: ALLOWED_METHODS.join(", ") },
    };
  const path = decodedPath(req.url);
  if (path === null)
    return { status: 400, error: "The request path is not a well-formed URL (check its %-escapes)" };
  const encoding = single(req.headers["content-encoding"])?.trim().toLowerCase();
  if (encoding && encoding !== "identity")
    return {
      status: 415,
      error: `Content-Encoding '${encoding.slice(0, 40)}' is not supported: send the body uncompressed`,
    };
  if (!STATE_CHANGING.has(method)) return null;

  const policy = policyFor(method, path, options.policies ?? ROUTE_POLICIES);
  if (policy.contentTypes !== "any") {
    const contentType = single(req.headers["content-type"])?.split(";")[0].trim().toLowerCase();
    const hasBody =
      req.headers["transfer-encoding"] !== undefined ||
      Number(single(req.headers["content-length"]) ?? 0) > 0;
    if (
      ((contentType !== undefined && contentType !== "") || hasBody) &&
      (!contentType || !policy.contentTypes.includes(contentType))
    )
      return {
        status: 415,
        error: `This request needs Content-Type ${policy.contentTypes.join(" or ")}${contentType ? `, not ${contentType.slice(0, 60)}` : ""}`,
      };
  }
  const origin = single(req.headers.origin);
  if (
    policy.origin === "same-origin" &&
    origin !== undefined &&
    !isAllowedOrigin(origin, req.host, options.allowedOrigins)
  )
    return {
      status: 403,
      error: `Requests from ${origin.slice(0, 100)} may not change anything here: only this app's own pages (and ALLOWED_ORIGINS) may`,
    };
  if (policy.bucket) {
    const decision = options.limiter.take(policy.bucket, req.client);
    if (!decision.ok)
      return {
        status: 429,
        error: `Too many ${policy.bucket} from this client (limit ${decision.limitPerMinute} a minute): try again in ${decision.retryAfterSeconds} s`,
        headers: { "Retry-After": String(decision.retryAfterSeconds) },
      };
  }
  return null;
}
