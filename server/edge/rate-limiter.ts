/** Requests a minute per client, by bucket name (creates, writes, deploys, controls, …). */
export type RateLimits = Record<string, number>;

export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number; limitPerMinute: number };

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * Token buckets per client and bucket name: a client may spend a minute's allowance at once,
 * then earns it back continuously. At most `maxClients` buckets are kept (least recently used
 * go first), so a flood of spoofed or distinct addresses cannot grow memory without bound.
 */
export function rateLimiter(
  limits: RateLimits,
  now: () => number = () => performance.now(),
  maxClients = 50_000,
) {
  const buckets = new Map<string, Bucket>();
  return {
    limits,
    /** Spends one request of `bucket` for `client`, or says how long until one is allowed. */
    take(bucket: string, client: string): RateDecision {
      const perMinute = limits[bucket];
      if (perMinute === undefined) return { ok: true };
      const key = `${bucket} ${client}`;
      const at = now();
      const found = buckets.get(key);
      const perMs = perMinute / 60_000;
      const tokens = found ? Math.min(perMinute, found.tokens + (at - found.atMs) * perMs) : perMinute;
      buckets.delete(key);
      if (buckets.size >= maxClients) buckets.delete(buckets.keys().next().value!);
      if (tokens < 1) {
        buckets.set(key, { tokens, atMs: at });
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / perMs / 1000)),
          limitPerMinute: perMinute,
        };
      }
      buckets.set(key, { tokens: tokens - 1, atMs: at });
      return { ok: true };
    },
    size: () => buckets.size,
  };
}
export type RateLimiter = ReturnType<typeof rateLimiter>;
