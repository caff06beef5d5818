import type { RedisClient } from "./redis-client";

/** What a server tells the others about itself on every heartbeat. */
export interface MemberLoad {
  server: string;
  runningFlows: number;
  eventsPerSec: number;
}

/**
 * The servers of a cluster: each one refreshes `PREFIX member:SERVER` (its load, with a time to
 * live) on a heartbeat, so a server that dies drops out of the list by itself within the TTL.
 */
export function clusterMembers(redis: RedisClient, prefix: string, ttlMs: number) {
  const key = (server: string) => `${prefix}member:${server}`;
  return {
    /** Publishes this server's load; call on every heartbeat. */
    async beat(load: MemberLoad): Promise<void> {
      await redis.set(key(load.server), JSON.stringify(load), { expiration: { type: "PX", value: ttlMs } });
    },
    async leave(server: string): Promise<void> {
      await redis.del(key(server));
    },
    /** Every live server with its last reported load, in name order. */
    async list(): Promise<MemberLoad[]> {
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}member:*`, COUNT: 100 }))
        keys.push(...batch);
      if (keys.length === 0) return [];
      const values = await redis.mGet(keys);
      return values
        .filter((v): v is string => v !== null)
        .map((v) => JSON.parse(v) as MemberLoad)
        .sort((x, y) => x.server.localeCompare(y.server));
    },
  };
}

/** The server a new deploy should go to: fewest running flows, then lowest event rate, then name. */
export function leastLoaded(members: MemberLoad[]): MemberLoad | undefined {
  return [...members].sort(
    (x, y) =>
      x.runningFlows - y.runningFlows || x.eventsPerSec - y.eventsPerSec || x.server.localeCompare(y.server),
  )[0];
}
