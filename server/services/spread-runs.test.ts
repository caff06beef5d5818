import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBrokerRegistry, flowBrokerKey, type BrokerRegistry } from "../brokers/registry";
import { deleteRedisKeys, REDIS_TEST_URL } from "../brokers/testing/backends";
import { redisClient, type RedisClient } from "../cluster/redis-client";
import { spreadBoard, type SpreadBoard, type SpreadRun } from "../cluster/spread-board";
import type { FlowRun } from "../runtime";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { success } from "./result";
import { spreadable, spreadRuns, type SpreadRuns } from "./spread-runs";
import { TEST_LIMITS } from "../cluster/test-cluster";

const onRedis = graph(
  [producer("p"), topic("orders", { backend: "redis", partitions: 2 }), consumer("c")],
  [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
);

describe("consumer groups spread over a cluster's servers", () => {
  const prefix = `eltest-spread-${randomBytes(4).toString("hex")}:`;
  const flowId = `flow-${randomBytes(4).toString("hex")}`;
  let redis: RedisClient;
  let board: SpreadBoard;
  let brokers: BrokerRegistry;
  let member: SpreadRuns;
  const versions: number[] = [];
  beforeAll(async () => {
    redis = redisClient(REDIS_TEST_URL);
    await redis.connect();
    board = spreadBoard(redis, prefix, 4000);
    brokers = createBrokerRegistry({
      redisUrl: REDIS_TEST_URL,
      consumerName: "s2",
      visibilityTimeoutMs: 1000,
    });
    member = spreadRuns({
      server: "s2",
      board,
      flows: {
        versionOf: async (_id, version) => {
          versions.push(version);
          return success({ version, graph: onRedis, issues: [] });
        },
      },
      limits: { ...TEST_LIMITS, brokers },
    });
  });
  afterAll(async () => {
    await member.stopAll();
    await brokers.close();
    await redis.close();
    await deleteRedisKeys(`${prefix}*`);
    await deleteRedisKeys(`eventloom:${flowBrokerKey(flowId)}:*`);
  });
  const noneOwned = { runningFlowIds: () => [], run: () => undefined };
  const announce = (changes: Partial<SpreadRun> = {}) =>
    board.announce({ flowId, owner: "s1", version: 1, runMark: "run-a", offline: [], ...changes });
  const runHere = () => member.memberRuns().find((m) => m.flowId === flowId)?.run;

  it("spreads only flows whose topics are all on remote brokers (Redis Streams, NATS JetStream)", () => {
    expect(spreadable(onRedis)).toBe(true);
    const remote = graph(
      [
        producer("p"),
        topic("orders", { backend: "redis" }),
        topic("audit", { backend: "nats" }),
        consumer("c"),
      ],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    );
    expect(spreadable(remote)).toBe(true);
    const mixed = graph(
      [producer("p"), topic("orders", { backend: "redis" }), topic("audit"), consumer("c")],
      [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
    );
    expect(spreadable(mixed)).toBe(false);
    expect(spreadable(graph([producer("p")], []))).toBe(false);
  });

  it("a server runs a member of an announced run, takes part in its split, and follows the owner's offline consumers", async () => {
    await announce();
    await member.tick(noneOwned);
    const run = runHere()!;
    expect(run.status).toBe("running");
    expect(run.version).toBe(1);
    expect(member.membersOf(flowId)).toEqual(["s2"]);
    expect(await board.join(flowId, "run-a", "s1")).toEqual(["s1", "s2"]);
    await announce({ offline: ["c"] });
    await member.tick(noneOwned);
    expect(runHere()).toBe(run);
    expect(run.metrics().nodes.c.online).toBe(false);
    expect(member.membersOf(flowId)).toEqual(["s1", "s2"]);
  });

  it("starts over on a redeployed version, and stops when the run is no longer announced", async () => {
    const before = runHere()!;
    await announce({ version: 2 });
    await member.tick(noneOwned);
    const after = runHere()!;
    expect(after).not.toBe(before);
    expect(before.status).toBe("stopped");
    expect(after.version).toBe(2);
    expect(versions).toEqual([1, 2]);
    await board.withdraw(flowId, "s1");
    await member.tick(noneOwned);
    expect(runHere()).toBeUndefined();
    expect(after.status).toBe("stopped");
    expect(await board.join(flowId, "run-a", "s3")).toEqual(["s1", "s3"]);
  });

  it("the owner announces its spreadable runs with their offline consumers, and withdraws them once stopped", async () => {
    const owner = spreadRuns({
      server: "s9",
      board,
      flows: { versionOf: async () => success({ version: 1, graph: onRedis, issues: [] }) },
      limits: TEST_LIMITS,
    });
    const reads = owner.shareFor("flow-own", "run-own", onRedis)!;
    expect([0, 1, 2, 3].filter(reads)).toEqual([0, 1, 2, 3]);
    expect(owner.shareFor("flow-mixed", "run-m", graph([producer("p")], []))).toBeUndefined();
    const run = {
      flowId: "run-own",
      version: 4,
      graph: onRedis,
      metrics: () => ({ atMs: 0, nodes: { c: { online: false }, p: {} } }),
    } as unknown as FlowRun;
    let running = ["flow-own"];
    const owned = { runningFlowIds: () => running, run: () => run };
    await board.join("flow-own", "run-own", "s1");
    await owner.tick(owned);
    expect((await board.list()).find((r) => r.flowId === "flow-own")).toEqual({
      flowId: "flow-own",
      owner: "s9",
      version: 4,
      runMark: "run-own",
      offline: ["c"],
    });
    // The owner's share now: partition p to the (p mod 2)-th of s1, s9.
    expect([0, 1, 2, 3].filter(reads)).toEqual([1, 3]);
    running = [];
    await owner.tick(owned);
    expect((await board.list()).find((r) => r.flowId === "flow-own")).toBeUndefined();
    expect([0, 1, 2, 3].filter(reads)).toEqual([0, 1, 2, 3]);
  });
});
