import type { RedisClient } from "./redis-client";

/** A run whose consumer groups spread over the servers of a cluster, as its owner announces it. */
export interface SpreadRun {
  flowId: string;
  owner: string;
  /** The deployed version: every member runs exactly this one. */
  version: number;
  /** The owner's run id: members mark what they publish with it, so nothing looks external. */
  runMark: string;
  /** Consumers taken offline by hand on the owner: members take them offline too. */
  offline: string[];
}

/** At most this many runs are read from the board (the cluster caps running flows far below it). */
const MAX_SPREAD_RUNS = 1000;

/**
 * Where the servers of a cluster learn which runs spread, and who takes part in each: the owner
 * announces a run (`PREFIX spread:FLOW`, with a time to live renewed on every heartbeat); each
 * server reading a share of it, the owner included, adds itself to `PREFIX spread-members:FLOW:RUN`
 * with the time its word holds, so a server that dies drops out of the split by itself.
 */
export function spreadBoard(redis: RedisClient, prefix: string, ttlMs: number) {
  const runKey = (flowId: string) => `${prefix}spread:${flowId}`;
  const membersKey = (flowId: string, runMark: string) => `${prefix}spread-members:${flowId}:${runMark}`;
  return {
    async announce(run: SpreadRun): Promise<void> {
      await redis.set(runKey(run.flowId), JSON.stringify(run), { expiration: { type: "PX", value: ttlMs } });
    },
    /** Takes the announcement down, if it is still this owner's. */
    async withdraw(flowId: string, owner: string): Promise<void> {
      const current = parseRun(await redis.get(runKey(flowId)));
      if (current?.owner === owner) await redis.del(runKey(flowId));
    },
    /** Every announced run, oldest key order irrelevant. */
    async list(): Promise<SpreadRun[]> {
      const keys: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}spread:*`, COUNT: 100 })) {
        keys.push(...batch);
        if (keys.length >= MAX_SPREAD_RUNS) break;
      }
      if (keys.length === 0) return [];
      const values = await redis.mGet(keys.slice(0, MAX_SPREAD_RUNS));
      return values.map(parseRun).filter((run): run is SpreadRun => run !== undefined);
    },
    /** Says `server` takes part in the run for the next TTL; answers everyone taking part now, by name. */
    async join(flowId: string, runMark: string, server: string): Promise<string[]> {
      const key = membersKey(flowId, runMark);
      const now = Date.now();
      const [, , , members] = await redis
        .multi()
        .zAdd(key, { score: now + ttlMs, value: server })
        .pExpire(key, ttlMs * 2)
        .zRemRangeByScore(key, "-inf", now)
        .zRange(key, 0, -1)
        .exec();
      return [...((members as unknown as string[]) ?? [])].sort();
    },
    async leave(flowId: string, runMark: string, server: string): Promise<void> {
      await redis.zRem(membersKey(flowId, runMark), server);
    },
  };
}
export type SpreadBoard = ReturnType<typeof spreadBoard>;

function parseRun(text: string | null): SpreadRun | undefined {
  if (!text) return undefined;
  try {
    const run = JSON.parse(text) as SpreadRun;
    const ok =
      typeof run.flowId === "string" &&
      typeof run.owner === "string" &&
      Number.isSafeInteger(run.version) &&
      typeof run.runMark === "string" &&
      Array.isArray(run.offline) &&
      run.offline.every((id) => typeof id === "string");
    return ok ? run : undefined;
  } catch {
    return undefined;
  }
}
