import type { IncomingMessage } from "node:http";
import type { TLSSocket } from "node:tls";

/** Who sent a request and which address they used, as far as this server may believe it. */
export interface RequestOrigin {
  /** The client's address: the peer, or the forwarded one a trusted proxy reported. */
  client: string;
  /** The host (and port) the client asked for. */
  host: string | undefined;
  proto: "http" | "https";
}

const FORWARDED_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "forwarded"];

/** `::ffff:10.0.0.1` and `10.0.0.1` are one client. */
export function normalizeAddress(address: string | undefined): string {
  const trimmed = (address ?? "").trim();
  return trimmed.startsWith("::ffff:") && trimmed.includes(".") ? trimmed.slice(7) : trimmed || "unknown";
}

const firstValue = (header: string | string[] | undefined) =>
  (Array.isArray(header) ? header[0] : header)?.split(",")[0].trim() || undefined;

/**
 * Reads the request's client, host and protocol. `trustedProxies` is how many proxies in front
 * of the app may be believed (0: none, Infinity: all): the client is then the address that
 * many hops back along X-Forwarded-For, so a client cannot pose as another by sending the
 * header itself.
 */
export function requestOrigin(req: IncomingMessage, trustedProxies: number): RequestOrigin {
  const peer = normalizeAddress(req.socket.remoteAddress);
  const ownProto = (req.socket as TLSSocket).encrypted ? "https" : "http";
  if (trustedProxies <= 0) return { client: peer, host: req.headers.host, proto: ownProto };
  const header = req.headers["x-forwarded-for"];
  const hops = (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  const chain = [...hops, peer];
  const index = Math.max(0, chain.length - 1 - Math.min(trustedProxies, chain.length));
  const proto = firstValue(req.headers["x-forwarded-proto"])?.toLowerCase();
  return {
    client: normalizeAddress(chain[index]),
    host: firstValue(req.headers["x-forwarded-host"]) ?? req.headers.host,
    proto: proto === "https" || proto === "http" ? proto : ownProto,
  };
}

/**
 * Makes the headers Next sees say only what may be believed: forwarded headers are removed
 * unless a proxy is trusted, and then replaced by the single values resolved here.
 */
export function settleForwardedHeaders(req: IncomingMessage, origin: RequestOrigin, trustedProxies: number) {
  for (const name of FORWARDED_HEADERS) if (req.headers[name] !== undefined) delete req.headers[name];
  if (trustedProxies <= 0) return;
  req.headers["x-forwarded-for"] = origin.client;
  if (origin.host) req.headers["x-forwarded-host"] = origin.host;
  req.headers["x-forwarded-proto"] = origin.proto;
}
