import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { FLOW_TEMPLATES } from "@/lib/templates";
import type { Scenario } from "@/lib/scenarios";
import {
  checkScenario,
  newExpectation,
  newScenario,
  newStep,
  parseSimTime,
  removeStep,
  targetsOfStep,
} from "./scenario-edits";

const shop = FLOW_TEMPLATES.find((t) => t.id === "ecommerce-orders")!.graph as FlowGraph;
const blank: Scenario = { id: "s", name: "S", durationMs: 60_000, steps: [], expectations: [] };

describe("scenario edits", () => {
  it("a new scenario takes the first free id and name and asks that nothing is lost", () => {
    const first = newScenario([]);
    expect(first).toEqual({
      id: "scenario-1",
      name: "Scenario 1",
      durationMs: 600_000,
      steps: [],
      expectations: [{ kind: "no-loss" }],
    });
    const second = newScenario([first, { ...first, id: "scenario-3", name: "Scenario 2" }]);
    expect([second.id, second.name]).toEqual(["scenario-2", "Scenario 3"]);
  });

  it("a new step acts on a node of the right kind, keeping the one it had when it fits", () => {
    expect(newStep(shop, "multiply-rate", 5_000)).toEqual({
      atMs: 5_000,
      action: "multiply-rate",
      nodeId: "order-service",
      factor: 2,
    });
    expect(newStep(shop, "set-workers", 0, "email")).toEqual({
      atMs: 0,
      action: "set-workers",
      nodeId: "email",
      workers: 4,
    });
    // A producer is no consumer: the first consumer is taken instead.
    expect(newStep(shop, "consumer-offline", 1_000, "order-service")).toEqual({
      atMs: 1_000,
      action: "consumer-offline",
      nodeId: "payment",
    });
    expect(newStep(shop, "set-partitions", 0).nodeId).toBe("orders");
    expect(targetsOfStep(shop, "inject-poison").map((n) => n.id)).toEqual(["order-service"]);
  });

  it("a new expectation keeps 'every group' where the kind allows it", () => {
    expect(newExpectation(shop, blank, "no-loss")).toEqual({ kind: "no-loss", nodeId: undefined });
    expect(newExpectation(shop, blank, "retention-kept", "payment")).toEqual({
      kind: "retention-kept",
      nodeId: "orders",
    });
    const withSteps = {
      ...blank,
      steps: [newStep(shop, "consumer-offline", 0), newStep(shop, "consumer-online", 0)],
    };
    expect(newExpectation(shop, withSteps, "lag-recovers", "email")).toEqual({
      kind: "lag-recovers",
      nodeId: "email",
      max: 100,
      afterStep: 1,
      withinMs: 60_000,
    });
  });

  it("removing a step keeps later recoveries on the step they named", () => {
    const scenario: Scenario = {
      ...blank,
      steps: [0, 1, 2].map((i) => newStep(shop, "consumer-offline", i * 1_000)),
      expectations: [
        { kind: "lag-recovers", nodeId: "email", max: 1, afterStep: 2, withinMs: 1_000 },
        { kind: "lag-recovers", nodeId: "email", max: 1, afterStep: 0, withinMs: 1_000 },
      ],
    };
    const after = removeStep(scenario, 1);
    expect(after.steps.map((s) => s.atMs)).toEqual([0, 2_000]);
    expect(after.expectations.map((e) => (e.kind === "lag-recovers" ? e.afterStep : -1))).toEqual([1, 0]);
  });

  it("checks every edit against the schema, naming the field, and drops empty optional fields", () => {
    const tooFast = { ...blank, steps: [{ atMs: 0, action: "multiply-rate", nodeId: "p", factor: 500 }] };
    expect(checkScenario(tooFast)).toEqual({
      ok: false,
      problems: [{ path: "steps[0].factor", message: "must be at most 100" }],
    });
    expect(checkScenario({ ...blank, name: "" })).toEqual({
      ok: false,
      problems: [{ path: "name", message: "must not be empty" }],
    });
    const checked = checkScenario({
      ...blank,
      seed: undefined,
      expectations: [{ kind: "no-loss", nodeId: undefined }],
    });
    expect(checked).toEqual({ ok: true, scenario: { ...blank, expectations: [{ kind: "no-loss" }] } });
    expect(checked.ok && "seed" in checked.scenario).toBe(false);
  });

  it("reads simulated times as clock or with units", () => {
    expect(parseSimTime("2:30")).toBe(150_000);
    expect(parseSimTime("1:02:03")).toBe(3_723_000);
    expect(parseSimTime(" 90 ")).toBe(90_000);
    expect(parseSimTime("90s")).toBe(90_000);
    expect(parseSimTime("5m")).toBe(300_000);
    expect(parseSimTime("1.5min")).toBe(90_000);
    expect(parseSimTime("2h")).toBe(7_200_000);
    for (const bad of ["", "2:75", "soon", "-5", "1:2"]) expect(parseSimTime(bad)).toBeNull();
  });
});
