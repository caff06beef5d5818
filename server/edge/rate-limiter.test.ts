import { describe, expect, it } from "vitest";
import { rateLimiter } from "./rate-limiter";

describe("rateLimiter", () => {
  it("lets a client spend a minute's allowance at once, then earns it back over the minute", () => {
    let now = 0;
    const limiter = rateLimiter({ creates: 6 }, () => now);
    const take = () => limiter.take("creates", "10.0.0.1");
    expect(Array.from({ length: 6 }, take).every((d) => d.ok)).toBe(true);
    expect(take()).toEqual({ ok: false, retryAfterSeconds: 10, limitPerMinute: 6 });
    now += 9_000;
    expect(take()).toEqual({ ok: false, retryAfterSeconds: 1, limitPerMinute: 6 });
    now += 1_000;
    expect(take()).toEqual({ ok: true });
    expect(take().ok).toBe(false);
  });

  it("keeps clients and buckets apart; a bucket without a limit is not limited", () => {
    const limiter = rateLimiter({ creates: 1, deploys: 1 }, () => 0);
    expect(limiter.take("creates", "a").ok).toBe(true);
    expect(limiter.take("creates", "a").ok).toBe(false);
    expect(limiter.take("creates", "b").ok).toBe(true);
    expect(limiter.take("deploys", "a").ok).toBe(true);
    expect(Array.from({ length: 100 }, () => limiter.take("reads", "a").ok).every(Boolean)).toBe(true);
  });

  it("holds at most maxClients buckets, forgetting the least recently seen", () => {
    const limiter = rateLimiter({ writes: 1 }, () => 0, 3);
    for (const client of ["a", "b", "c", "d", "e"]) limiter.take("writes", client);
    expect(limiter.size()).toBe(3);
    expect(limiter.take("writes", "e").ok).toBe(false);
    expect(limiter.take("writes", "a").ok).toBe(true);
  });
});
