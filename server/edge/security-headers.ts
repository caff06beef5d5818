import { randomBytes } from "node:crypto";

/**
 * The Content Security Policy of every response. Scripts run only with this response's nonce
 * (Next puts it on its own script tags when it finds the policy on the request, and
 * 'strict-dynamic' lets those load the app's chunks); styles may be inline because React Flow
 * and the charts position elements with style attributes, which nonces cannot cover.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const NONCE_BYTES = 16;
/** Random bytes drawn for 256 nonces at once: one system call per 256 requests, not one each. */
const POOL_BYTES = NONCE_BYTES * 256;
let pool = Buffer.alloc(0);
let next = 0;

/** A fresh nonce per response: 16 random bytes (never used twice) as base64. */
export function newNonce(): string {
  if (next + NONCE_BYTES > pool.length) {
    pool = randomBytes(POOL_BYTES);
    next = 0;
  }
  const nonce = pool.toString("base64", next, next + NONCE_BYTES);
  next += NONCE_BYTES;
  return nonce;
}

const STATIC_SECURITY_HEADERS = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
} as const;

/** Headers every page and API response carries (the policy is per response: it names its nonce). */
export function securityHeaders(policy: string): Record<string, string> {
  return { "Content-Security-Policy": policy, ...STATIC_SECURITY_HEADERS };
}

/**
 * The policy of JSON-only endpoints (HTTP ingest): their answers are never a page, so nothing
 * in them may load, run or be framed at all, and no nonce is needed.
 */
export const JSON_ONLY_POLICY = "default-src 'none'; frame-ancestors 'none'";

/** The security headers of every answer from a JSON-only endpoint (the same for each: made once). */
export const JSON_ONLY_SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  "Content-Security-Policy": JSON_ONLY_POLICY,
  ...STATIC_SECURITY_HEADERS,
});
