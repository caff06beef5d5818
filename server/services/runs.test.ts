import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { consumerKind, producerKind, topicKind, type FlowGraph, type ProducerConfig } from "@/lib/flow";
import { prismaFor } from "../db/client";
import { flowsRepo } from "../db/flows-repo";
import { applyMigrations } from "../db/migrate";
import { flowService } from "./flows";
import { runRegistry } from "./runs";

const MB = 1024 * 1024;
const dir = mkdtempSync(join(tmpdir(), "eventloom-runs-"));
applyMigrations(join(dir, "db.sqlite"));
const flows = flowService(flowsRepo(prismaFor(`file:${join(dir, "db.sqlite")}`)));
const registries: ReturnType<typeof runRegistry>[] = [];
afterAll(async () => {
  await Promise.all(registries.map((r) => r.stopAll(0)));
  rmSync(dir, { recursive: true, force: true });
});

const registry = (extra: Partial<Parameters<typeof runRegistry>[1]> = {}) => {
  const made = runRegistry(flows, {
    maxRunningFlows: 10,
    maxFlowEventsPerSec: 100_000,
    maxServerEventsPerSec: 100_000,
    maxPayloadBytes: 262_144,
    historySize: 10_000,
    ...extra,
  });
  registries.push(made);
  return made;
};

async function savedFlow(producer: Partial<ProducerConfig>, partitions = 1): Promise<string> {
  const graph: FlowGraph = {
    schemaVersion: 2,
    nodes: [
      {
        id: "p",
        kind: "producer",
        position: { x: 0, y: 0 },
        config: { ...producerKind.defaults(), ...producer },
      },
      {
        id: "t",
        kind: "topic",
        position: { x: 0, y: 0 },
        config: {
          ...topicKind.defaults(),
          partitions,
          retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 },
        },
      },
      {
        id: "c",
        kind: "consumer",
        position: { x: 0, y: 0 },
        config: { ...consumerKind.defaults(), online: false },
      },
    ],
    edges: [
      { id: "pub", kind: "publishes", source: "p", target: "t" },
      { id: "sub", kind: "subscribes", source: "t", target: "c" },
    ],
  };
  const created = await flows.create({ name: "Runs", graph });
  if (!created.ok) throw new Error(JSON.stringify(created));
  return created.value.id;
}

describe("the run registry's resource caps", () => {
  it("counts burst producers towards the server's events per second", async () => {
    const runs = registry({ maxServerEventsPerSec: 50_000 });
    const burst = { mode: "burst" as const, burstCount: 20_000 };
    expect((await runs.deploy(await savedFlow(burst))).ok).toBe(true);
    expect((await runs.deploy(await savedFlow(burst))).ok).toBe(true);
    expect(await runs.deploy(await savedFlow(burst))).toMatchObject({
      ok: false,
      status: 429,
      body: {
        error: expect.stringMatching(/^This server runs at most 50000 events\/s across all flows; 40000/),
      },
    });
  });

  it("refuses a deploy past the server's memory, naming the budget", async () => {
    const runs = registry({ maxRunMemoryBytes: 64 * MB, maxServerMemoryBytes: 128 * MB });
    const manual = { mode: "manual" as const };
    expect((await runs.deploy(await savedFlow(manual))).ok).toBe(true);
    const second = await savedFlow(manual);
    expect((await runs.deploy(second)).ok).toBe(true);
    const refused = await runs.deploy(await savedFlow(manual));
    expect(refused).toMatchObject({ ok: false, status: 429 });
    expect(!refused.ok && refused.body.error).toBe(
      "This server keeps at most 128 MB of events across all runs (MAX_SERVER_MEMORY_MB), and each run may use 64 MB (MAX_RUN_MEMORY_MB): 2 running flows reserve it all. Stop another flow first",
    );
    await runs.stop(second);
    expect((await runs.deploy(await savedFlow(manual))).ok).toBe(true);
  });

  it("a run over its memory budget trims as it goes and its status says so", async () => {
    const runs = registry({ maxRunMemoryBytes: 8 * MB, maxServerMemoryBytes: 64 * MB });
    // A placeholder makes each payload its own 15 KB object (a constant one is shared by every event).
    const template = `{"n": {{seq}}, "text": "${"y".repeat(15_000)}"}`;
    const flowId = await savedFlow({ mode: "manual", payloadTemplate: template });
    expect((await runs.deploy(flowId)).ok).toBe(true);
    const run = runs.run(flowId)!;
    run.fire("p", 2000); // ~30 MB of events asked for, 6 MB of topic budget
    await new Promise<void>((resolve) => {
      const published = () => run.metrics({ latency: false }).nodes.p.counts.published;
      const wait = () =>
        runs.status(flowId).capped && published() === 2000 ? resolve() : setTimeout(wait, 50);
      wait();
    });
    const { topicBytes, trimmedEvents } = run.memory();
    expect(topicBytes).toBeLessThanOrEqual(6 * MB);
    expect(trimmedEvents).toBeGreaterThan(1500);
    expect(runs.status(flowId).capped).toMatch(
      /^The run holds more than this server allows per run \(8 MB\): \d+ of its oldest events were removed from topics early/,
    );
  });
});

describe("a flow deployed and stopped again and again", () => {
  it("holds only its newest run: every earlier one can be collected", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const runs = registry();
    const flowId = await savedFlow({ mode: "manual" });
    const earlier: WeakRef<object>[] = [];
    for (let i = 0; i < 4; i++) {
      expect((await runs.deploy(flowId)).ok).toBe(true);
      runs.run(flowId)!.fire("p", 100);
      earlier.push(new WeakRef(runs.run(flowId)!));
      expect((await runs.stop(flowId, 0)).ok).toBe(true);
    }
    expect((await runs.deploy(flowId)).ok).toBe(true);
    await new Promise((r) => setTimeout(r, 0)); // WeakRef targets are held until the job ends
    gc();
    // Before, each run's record sink held the deploy's scope, and in it the run before: all four lived.
    expect(earlier.map((run) => run.deref() === undefined)).toEqual([true, true, true, true]);
  });
});
