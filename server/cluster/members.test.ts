import { randomBytes } from "node:crypto";
import { redisClient } from "./redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clusterMembers, leastLoaded } from "./members";

const redis = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `eventloom-test-${randomBytes(6).toString("hex")}:`;
beforeAll(() => redis.connect());
afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(keys);
  await redis.close();
});

describe("clusterMembers", () => {
  it("lists the servers that beat, and forgets one that stops beating after its TTL", async () => {
    const members = clusterMembers(redis, prefix, 150);
    await members.beat({ server: "b", runningFlows: 1, eventsPerSec: 10 });
    await members.beat({ server: "a", runningFlows: 2, eventsPerSec: 5 });
    expect(await members.list()).toEqual([
      { server: "a", runningFlows: 2, eventsPerSec: 5 },
      { server: "b", runningFlows: 1, eventsPerSec: 10 },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await members.list()).toEqual([]);
  });

  it("drops a server that leaves at once", async () => {
    const members = clusterMembers(redis, prefix, 10_000);
    await members.beat({ server: "c", runningFlows: 0, eventsPerSec: 0 });
    await members.leave("c");
    expect(await members.list()).toEqual([]);
  });
});

describe("leastLoaded", () => {
  it("picks the fewest running flows, then the lowest event rate, then the name", () => {
    expect(
      leastLoaded([
        { server: "a", runningFlows: 3, eventsPerSec: 0 },
        { server: "c", runningFlows: 1, eventsPerSec: 900 },
        { server: "b", runningFlows: 1, eventsPerSec: 20 },
        { server: "d", runningFlows: 1, eventsPerSec: 20 },
      ])?.server,
    ).toBe("b");
    expect(leastLoaded([])).toBeUndefined();
  });
});
