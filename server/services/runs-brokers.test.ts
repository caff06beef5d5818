import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createBrokerRegistry, flowBrokerKey, type BrokerRegistry } from "../brokers/registry";
import { deleteRedisKeys, eventually } from "../brokers/testing/backends";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { applyMigrations } from "../db/migrate";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { flowService } from "./flows";
import { runRegistry } from "./runs";

const dir = mkdtempSync(join(tmpdir(), "eventloom-runs-brokers-"));
applyMigrations(join(dir, "db.sqlite"));
const flows = flowService(flowsRepo(prismaFor(`file:${join(dir, "db.sqlite")}`)));
const limits = {
  maxRunningFlows: 5,
  maxFlowEventsPerSec: 10_000,
  maxServerEventsPerSec: 10_000,
  maxPayloadBytes: 262_144,
  historySize: 10_000,
};
const consumerName = `runs-brokers-${process.pid}`;
const registries: BrokerRegistry[] = [];
const registry = (options: { redisUrl?: string; natsUrl?: string }) => {
  const made = createBrokerRegistry({ ...options, consumerName, visibilityTimeoutMs: 5000 });
  registries.push(made);
  return made;
};
const redisFlow = graph(
  [producer("p"), topic("t", { name: "orders", backend: "redis" }), consumer("c")],
  [edge("publishes", "p", "t"), edge("subscribes", "t", "c")],
);
const saved = async () => {
  const created = await flows.create({ name: "on redis", graph: redisFlow });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
};
const stoppers: (() => Promise<unknown>)[] = [];

afterAll(async () => {
  for (const stop of stoppers) await stop();
  await Promise.all(registries.map((r) => r.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe("runs on remote brokers", () => {
  it("refuses with 503 naming a backend that is not configured, and says so in the availability", async () => {
    const runs = runRegistry(flows, limits);
    const result = await runs.deploy(await saved());
    expect(result).toEqual({
      ok: false,
      status: 503,
      body: { error: "Redis Streams is not configured on this server" },
    });
    expect(runs.brokerAvailability()).toEqual([
      { backend: "embedded", label: "Embedded", available: true },
      {
        backend: "redis",
        label: "Redis Streams",
        available: false,
        reason: "Redis Streams is not configured on this server",
      },
      {
        backend: "nats",
        label: "NATS JetStream",
        available: false,
        reason: "NATS JetStream is not configured on this server",
      },
    ]);
  });

  it("refuses with 503 naming a configured backend that does not answer", async () => {
    const runs = runRegistry(flows, { ...limits, brokers: registry({ redisUrl: "redis://127.0.0.1:1" }) });
    const result = await runs.deploy(await saved());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.status).toBe(503);
    expect(result.body.error).toMatch(/^Redis Streams at redis:\/\/127\.0\.0\.1:1 does not answer: /);
    const redis = runs.brokerAvailability().find((b) => b.backend === "redis")!;
    expect(redis.available).toBe(false);
    expect(redis.reason).toMatch(/^Redis Streams at redis:\/\/127\.0\.0\.1:1 does not answer \(/);
  });

  it("runs a flow whose topic is on Redis when Redis answers", async () => {
    const brokers = registry({ redisUrl: "redis://127.0.0.1:6379", natsUrl: "nats://127.0.0.1:4222" });
    const runs = runRegistry(flows, { ...limits, brokers });
    await eventually(
      () => brokers.availability().map((b) => b.available),
      (all) => all.every(Boolean),
    );
    const flowId = await saved();
    stoppers.push(() => runs.stop(flowId, 0));
    stoppers.push(() => deleteRedisKeys(`eventloom:${flowBrokerKey(flowId)}:*`));
    const deployed = await runs.deploy(flowId);
    expect(deployed).toMatchObject({ ok: true, value: { state: "running" } });
    runs.run(flowId)!.fire("p", 3);
    await eventually(
      () => runs.run(flowId)!.metrics().nodes.c.counts.acked,
      (n) => n === 3,
    );
  });
});
