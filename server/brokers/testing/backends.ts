import { randomBytes } from "node:crypto";
import { createClient } from "redis";
import type { TopicBackend } from "@/lib/flow";
import { RealTime, createFlowRun, type BrokerPorts, type FlowRun, type RunOptions } from "../../runtime";
import type { PublishFence } from "../fencing";
import { NatsConnection } from "../nats/connection";
import { RedisConnection } from "../redis/connection";

export const REDIS_TEST_URL = "redis://127.0.0.1:6379";
export const NATS_TEST_URL = "nats://127.0.0.1:4222";

/** One backend as the contract suite, crash tests and benchmark use it: its own names, cleaned up after. */
export interface BackendHarness {
  backend: TopicBackend;
  /** A unique namespace for this harness (key prefix, stream names). */
  namespace: string;
  /** The brokers of a run of `flowKey` (its appends behind `fence`, when given). */
  brokers(flowKey: string, fence?: PublishFence): BrokerPorts;
  cleanup(): Promise<void>;
}

export async function embeddedHarness(): Promise<BackendHarness> {
  return { backend: "embedded", namespace: "", brokers: () => ({}), cleanup: async () => {} };
}

export async function redisHarness(options: { visibilityTimeoutMs?: number } = {}): Promise<BackendHarness> {
  const namespace = `eltest-${randomBytes(4).toString("hex")}`;
  const connection = new RedisConnection({
    url: REDIS_TEST_URL,
    keyPrefix: `${namespace}:`,
    consumerName: "contract",
    visibilityTimeoutMs: options.visibilityTimeoutMs ?? 1000,
  });
  await connection.connect();
  return {
    backend: "redis",
    namespace,
    brokers: (flowKey, fence) => ({ redis: connection.forFlow(flowKey, `${namespace}-run`, { fence }) }),
    async cleanup() {
      await connection.close();
      await deleteRedisKeys(`${namespace}:*`);
    },
  };
}

/** A Redis harness and a client of the test's own, to read and write the streams from outside. */
export interface RedisSuite {
  harness: BackendHarness;
  client: ReturnType<typeof testClient>;
}

const testClient = () => createClient({ url: REDIS_TEST_URL });

export async function openRedisSuite(options: { visibilityTimeoutMs?: number } = {}): Promise<RedisSuite> {
  const harness = await redisHarness(options);
  const client = testClient();
  await client.connect();
  return { harness, client };
}

/** Stops `runs`, then closes the client and removes the harness's keys. */
export async function closeRedisSuite(
  { harness, client }: RedisSuite,
  runs: readonly FlowRun[],
): Promise<void> {
  await Promise.all(runs.map((r) => r.stop({ graceMs: 0 })));
  await client.quit();
  await harness.cleanup();
}

/** Deletes every key matching `pattern` (a test's own prefix). */
export async function deleteRedisKeys(pattern: string): Promise<void> {
  const client = createClient({ url: REDIS_TEST_URL });
  await client.connect();
  const keys: string[] = [];
  for await (const batch of client.scanIterator({ MATCH: pattern, COUNT: 1000 })) keys.push(...batch);
  if (keys.length > 0) await client.del(keys);
  await client.quit();
}

/** A started run in real time on the harness's brokers. */
export function startRun(
  harness: BackendHarness,
  graph: unknown,
  options: RunOptions & { flowKey?: string; fence?: PublishFence } = {},
): { run: FlowRun; time: RealTime } {
  const time = new RealTime();
  const created = createFlowRun({
    flowId: options.flowKey ?? "flow",
    graph,
    version: 1,
    seed: 7,
    ports: {
      clock: time,
      scheduler: time,
      brokers: harness.brokers(options.flowKey ?? "flow", options.fence),
    },
    options,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  created.value.start();
  return { run: created.value, time };
}

/** Waits until `check` holds (polling), or fails with what it last saw. */
export async function eventually<T>(
  read: () => T,
  check: (value: T) => boolean,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (!check(value)) {
    if (Date.now() > deadline)
      throw new Error(`still not there after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    value = read();
  }
  return value;
}

/** Lets a run go quiet for `ms` (nothing more should arrive), e.g. after the expected counts were reached. */
export const settle = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms));

export async function natsHarness(options: { ackWaitMs?: number } = {}): Promise<BackendHarness> {
  const namespace = `eltest${randomBytes(4).toString("hex")}`;
  const connection = new NatsConnection({
    url: NATS_TEST_URL,
    subjectPrefix: namespace,
    streamPrefix: namespace.toUpperCase(),
    ackWaitMs: options.ackWaitMs ?? 2000,
  });
  await connection.connect();
  return {
    backend: "nats",
    namespace,
    brokers: (flowKey, fence) => ({ nats: connection.forFlow(flowKey, `${namespace}-run`, { fence }) }),
    async cleanup() {
      for await (const name of connection.jsm.streams.names())
        if (name.startsWith(`${namespace.toUpperCase()}_`)) await connection.jsm.streams.delete(name);
      await connection.close();
    },
  };
}

/**
 * JetStream's management API for tests that run whole servers (whose streams carry the default
 * prefix): `removeFlows` deletes the streams of the given flows' broker keys.
 */
export async function natsAdmin(url = NATS_TEST_URL) {
  const connection = new NatsConnection({ url });
  await connection.connect();
  return {
    jsm: connection.jsm,
    async removeFlows(flowKeys: readonly string[]) {
      for await (const name of connection.jsm.streams.names())
        if (flowKeys.some((key) => name.includes(`_${key}_`)))
          await connection.jsm.streams.delete(name).catch(() => false);
    },
    close: () => connection.close(),
  };
}
