import type { RedisClient } from "./redis-client";
import type { LeaseHolder, LeaseStore } from "./lease-store";

// Compare-and-act in one step on the server, so a holder whose lease expired and was granted to
// another can never extend or delete the new holder's lease.
const RENEW = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("PEXPIRE", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("GET", KEYS[1]) == ARGV[1] then return redis.call("DEL", KEYS[1]) else return 0 end`;

/**
 * Leases as Redis keys with a time to live: `PREFIX lease:NAME` holds `holder token`. A key's
 * TTL runs on the Redis server, so a lease expires even when its holder is paused or cut off
 * (a PostgreSQL advisory lock would stay held for as long as the paused holder's connection
 * stays open). Fencing tokens come from `INCR PREFIX lease-token:NAME`, which only grows.
 */
export function redisLeaseStore(redis: RedisClient, prefix: string): LeaseStore {
  const key = (name: string) => `${prefix}lease:${name}`;
  const value = (holder: string, token: number) => `${holder} ${token}`;
  return {
    async tryAcquire(name, holder, ttlMs) {
      if ((await redis.exists(key(name))) === 1) return null;
      const token = await redis.incr(`${prefix}lease-token:${name}`);
      const set = await redis.set(key(name), value(holder, token), {
        condition: "NX",
        expiration: { type: "PX", value: ttlMs },
      });
      return set === "OK" ? token : null;
    },
    async renew(name, holder, token, ttlMs) {
      const extended = await redis.eval(RENEW, {
        keys: [key(name)],
        arguments: [value(holder, token), String(ttlMs)],
      });
      return extended === 1;
    },
    async release(name, holder, token) {
      await redis.eval(RELEASE, { keys: [key(name)], arguments: [value(holder, token)] });
    },
    stored: (name, holder, token) => ({ key: key(name), value: value(holder, token) }),
    async current(name): Promise<LeaseHolder | null> {
      const stored = await redis.get(key(name));
      if (stored === null) return null;
      const space = stored.lastIndexOf(" ");
      return { holder: stored.slice(0, space), token: Number(stored.slice(space + 1)) };
    },
  };
}
