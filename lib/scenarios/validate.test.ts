import { describe, expect, it } from "vitest";
import { readGraph, validateGraph, type FlowGraph } from "../flow";
import { ZScenario, type Scenario } from "./schema";
import { validateScenario } from "./validate";

const base: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "p",
      kind: "producer",
      position: { x: 0, y: 0 },
      config: {
        eventType: "order.placed",
        source: "/shop",
        mode: "rate",
        ratePerSec: 10,
        jitterPct: 0,
        intervalMs: 1000,
        burstCount: 1,
        payloadTemplate: "{}",
      },
    },
    {
      id: "t",
      kind: "topic",
      position: { x: 0, y: 0 },
      config: { name: "orders", partitions: 1, retention: { maxEventsPerPartition: 100, maxAgeMs: 0 } },
    },
  ],
  edges: [{ id: "e1", kind: "publishes", source: "p", target: "t" }],
};

const scenario = (extra: Partial<Scenario>): Scenario => ({
  id: "s1",
  name: "Spike",
  durationMs: 60_000,
  steps: [],
  expectations: [{ kind: "retention-kept", nodeId: "t" }],
  ...extra,
});

describe("scenario validation", () => {
  it("accepts a scenario whose steps and expectations name the right nodes in time", () => {
    const s = scenario({ steps: [{ atMs: 1_000, action: "multiply-rate", nodeId: "p", factor: 5 }] });
    expect(validateScenario(base, s, 0)).toEqual([]);
    expect(validateGraph({ ...base, scenarios: [s] }).issues).toEqual([]);
  });

  it("names each problem with its path: missing node, wrong kind, time past the end, missing step", () => {
    const s = scenario({
      steps: [
        { atMs: 90_000, action: "consumer-offline", nodeId: "gone" },
        { atMs: 1_000, action: "set-partitions", nodeId: "p", partitions: 2 },
        { atMs: 1_000, action: "multiply-rate", nodeId: "p", factor: 20_000 },
      ],
      expectations: [
        { kind: "lag-below", nodeId: "payments", max: 10 },
        { kind: "lag-recovers", nodeId: "t", max: 10, afterStep: 7, withinMs: 1_000 },
      ],
      forecast: { nodeId: "p", multipliers: [1, 2] },
    });
    expect(validateScenario(base, s, 3)).toEqual([
      {
        path: "scenarios[3].steps[0].atMs",
        message: "happens at 1:30, after the scenario ends at 1:00",
        severity: "error",
      },
      {
        path: "scenarios[3].steps[0].nodeId",
        message: "step 'consumer-offline' names node 'gone', which is not in the flow",
        severity: "error",
      },
      {
        path: "scenarios[3].steps[1].nodeId",
        message: "step 'set-partitions' needs a topic, but 'order.placed' is a producer",
        severity: "error",
        nodeId: "p",
      },
      {
        path: "scenarios[3].steps[2].factor",
        message: "×20000 would take 'order.placed' past 100000 events/s",
        severity: "error",
        nodeId: "p",
      },
      {
        path: "scenarios[3].expectations[0].nodeId",
        message: "expectation 'lag-below' names node 'payments', which is not in the flow",
        severity: "error",
      },
      {
        path: "scenarios[3].expectations[1].nodeId",
        message: "expectation 'lag-recovers' needs a consumer, but 'orders' is a topic",
        severity: "error",
        nodeId: "t",
      },
      {
        path: "scenarios[3].expectations[1].afterStep",
        message: "names step 8, but the scenario has 3 step(s)",
        severity: "error",
      },
      {
        path: "scenarios[3].forecast.nodeId",
        message: "the forecast needs a consumer, but 'order.placed' is a producer",
        severity: "error",
        nodeId: "p",
      },
    ]);
  });

  it("in the flow, a broken scenario is a warning (deploy still works); duplicates are errors", () => {
    const broken = scenario({ expectations: [{ kind: "no-loss", nodeId: "gone" }] });
    const flow = readGraph({ ...base, scenarios: [broken] });
    expect(flow.graph).toBeDefined();
    expect(flow.issues).toEqual([
      {
        path: "scenarios[0].expectations[0].nodeId",
        message: "expectation 'no-loss' names node 'gone', which is not in the flow",
        severity: "warning",
      },
    ]);
    const twice = readGraph({ ...base, scenarios: [scenario({}), scenario({})] });
    expect(twice.graph).toBeUndefined();
    expect(twice.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      "scenarios[1].id: id 's1' is used twice",
      "scenarios[1].name: another scenario is named 'Spike'",
    ]);
  });

  it("bounds what a client may ask: duration, steps, poison count, multipliers", () => {
    const parse = (extra: Record<string, unknown>) => ZScenario.safeParse({ ...scenario({}), ...extra });
    expect(parse({ durationMs: 24 * 3_600_000 + 1 }).success).toBe(false);
    expect(
      parse({
        steps: Array.from({ length: 101 }, () => ({ atMs: 0, action: "pause-producer", nodeId: "p" })),
      }).success,
    ).toBe(false);
    expect(parse({ steps: [{ atMs: 0, action: "inject-poison", nodeId: "p", count: 10_001 }] }).success).toBe(
      false,
    );
    expect(parse({ forecast: { nodeId: "c", multipliers: [1, 2, 3, 4, 5, 6] } }).success).toBe(false);
    expect(parse({ colour: "red" }).success).toBe(false);
  });
});
