import { createClient } from "redis";

/** A node-redis client as the cluster modules use it (RESP3, no modules or scripts). */
export type RedisClient = ReturnType<typeof redisClient>;

/** A client for REDIS_URL; call `connect()` before use. */
export function redisClient(url: string) {
  return createClient({ url });
}
