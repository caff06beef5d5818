import { randomBytes } from "node:crypto";
import { redisClient } from "./redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leaseKeeper } from "./lease-keeper";
import { redisLeaseStore } from "./redis-lease-store";
import { leasedRunOwnership } from "./run-ownership";

const redis = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `eventloom-test-${randomBytes(6).toString("hex")}:`;
const store = redisLeaseStore(redis, prefix);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  await redis.connect();
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(keys);
  await redis.close();
});

describe("redisLeaseStore", () => {
  it("grants a free lease once, with growing fencing tokens", async () => {
    expect(await store.tryAcquire("flow-a", "server-1", 10_000)).toBe(1);
    expect(await store.tryAcquire("flow-a", "server-2", 10_000)).toBeNull();
    expect(await store.current("flow-a")).toEqual({ holder: "server-1", token: 1 });
    await store.release("flow-a", "server-1", 1);
    expect(await store.current("flow-a")).toBeNull();
    expect(await store.tryAcquire("flow-a", "server-2", 10_000)).toBe(2);
  });

  it("renews only for the holder and token that hold it", async () => {
    const token = (await store.tryAcquire("flow-b", "server-1", 10_000))!;
    expect(await store.renew("flow-b", "server-1", token, 10_000)).toBe(true);
    expect(await store.renew("flow-b", "server-2", token, 10_000)).toBe(false);
    expect(await store.renew("flow-b", "server-1", token + 1, 10_000)).toBe(false);
    await store.release("flow-b", "server-2", token);
    expect(await store.current("flow-b")).toEqual({ holder: "server-1", token });
  });

  it("expires on the Redis server when not renewed; the stale holder can neither renew nor release the successor's lease", async () => {
    const stale = (await store.tryAcquire("flow-c", "server-1", 100))!;
    await pause(400);
    expect(await store.current("flow-c")).toBeNull();
    const next = (await store.tryAcquire("flow-c", "server-2", 10_000))!;
    expect(next).toBe(stale + 1);
    expect(await store.renew("flow-c", "server-1", stale, 10_000)).toBe(false);
    await store.release("flow-c", "server-1", stale);
    expect(await store.current("flow-c")).toEqual({ holder: "server-2", token: next });
  });

  it("names the key and value a holder's lease is kept under, so a broker on the same Redis can check it as it writes", async () => {
    const token = (await store.tryAcquire("flow-d", "server-1", 100))!;
    const stored = store.stored!("flow-d", "server-1", token);
    expect(await redis.get(stored.key)).toBe(stored.value);
    await pause(400);
    const next = (await store.tryAcquire("flow-d", "server-2", 10_000))!;
    expect(await redis.get(stored.key)).toBe(store.stored!("flow-d", "server-2", next).value);
    expect(await redis.get(stored.key)).not.toBe(stored.value);
  });

  it("a run's fence is its lease: held here and, in Redis, while the key holds this server's value", async () => {
    const clock = {
      now: () => performance.now(),
      after(ms: number, fn: () => void) {
        const timer = setTimeout(fn, ms);
        return () => clearTimeout(timer);
      },
    };
    const ownership = leasedRunOwnership(leaseKeeper(store, "server-1", 10_000, clock), async () => null);
    expect(ownership.fence("flow-e").holds()).toBe(false);
    expect((await ownership.claim("flow-e")).ok).toBe(true);
    const fence = ownership.fence("flow-e");
    expect(fence.holds()).toBe(true);
    expect(fence.stored).toEqual({ key: `${prefix}lease:run:flow-e`, value: "server-1 1" });
    expect(await redis.get(fence.stored!.key)).toBe("server-1 1");
    await ownership.release("flow-e");
    expect(fence.holds()).toBe(false);
    expect(await redis.get(fence.stored!.key)).toBeNull();
  });
});
