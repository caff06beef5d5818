import { randomBytes } from "node:crypto";
import { redisClient } from "./redis-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RpcUnreachable, serverRpc, type ServerRpc } from "./rpc";

const redis = redisClient(process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379");
const prefix = `eventloom-test-${randomBytes(6).toString("hex")}:`;
let a: ServerRpc;
let b: ServerRpc;
const calls: [string, unknown][] = [];

beforeAll(async () => {
  await redis.connect();
  a = await serverRpc(redis, prefix, "server-a", async () => "a answers");
  b = await serverRpc(redis, prefix, "server-b", async (method, params) => {
    calls.push([method, params]);
    if (method === "fail") throw new Error("Flow f-1 is not running here");
    return { handledBy: "server-b", method, params };
  });
});
afterAll(async () => {
  await a.close();
  await b.close();
  await redis.close();
});

describe("serverRpc", () => {
  it("routes a request to the named server and brings back its answer", async () => {
    const answers = await Promise.all([
      a.call("server-b", "stop", { flowId: "f-1" }),
      a.call("server-b", "control", { flowId: "f-2", action: "fire" }),
    ]);
    expect(answers).toEqual([
      { handledBy: "server-b", method: "stop", params: { flowId: "f-1" } },
      { handledBy: "server-b", method: "control", params: { flowId: "f-2", action: "fire" } },
    ]);
    expect(await b.call("server-a", "anything", null)).toBe("a answers");
    expect(calls).toEqual([
      ["stop", { flowId: "f-1" }],
      ["control", { flowId: "f-2", action: "fire" }],
    ]);
  });

  it("carries the handler's error message back", async () => {
    await expect(a.call("server-b", "fail", {})).rejects.toThrow("Flow f-1 is not running here");
  });

  it("fails at once with RpcUnreachable when no server listens under that name", async () => {
    const error = await a.call("server-gone", "stop", {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RpcUnreachable);
    expect((error as RpcUnreachable).message).toBe("Server server-gone did not answer in time");
  });
});
