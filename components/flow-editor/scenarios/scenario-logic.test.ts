import { describe, expect, it } from "vitest";
import type { ScenarioJob } from "@/lib/api/scenarios";
import type { FlowGraph } from "@/lib/flow";
import { FLOW_TEMPLATES } from "@/lib/templates";
import { linePoints, peakOf } from "./chart-data";
import { parseMultipliers } from "./forecast-view";
import { nodeOptions } from "./node-options";
import { followJob, jobStateText } from "./scenario-jobs";
import { describePath, problemsAt, scenarioProblems } from "./scenario-problems";

const shop = FLOW_TEMPLATES.find((t) => t.id === "ecommerce-orders")!.graph as FlowGraph;

describe("scenario problems", () => {
  it("names each problem at its path inside the scenario, and in words", () => {
    const graph: FlowGraph = {
      ...shop,
      scenarios: [
        shop.scenarios![0],
        {
          id: "broken",
          name: "Broken",
          durationMs: 60_000,
          steps: [{ atMs: 90_000, action: "consumer-offline", nodeId: "gone" }],
          expectations: [{ kind: "lag-below", nodeId: "orders", max: 5 }],
        },
      ],
    };
    expect(scenarioProblems(graph, 0)).toEqual([]);
    const problems = scenarioProblems(graph, 1);
    expect(problems).toEqual([
      { path: "steps[0].atMs", message: "happens at 1:30, after the scenario ends at 1:00" },
      {
        path: "steps[0].nodeId",
        message: "step 'consumer-offline' names node 'gone', which is not in the flow",
      },
      {
        path: "expectations[0].nodeId",
        message: "expectation 'lag-below' needs a consumer, but 'orders' is a topic",
      },
    ]);
    expect(problemsAt(problems, "steps[0]", true)).toHaveLength(2);
    expect(problemsAt(problems, "steps[0].atMs")).toHaveLength(1);
    expect(describePath("steps[0].atMs")).toBe("Step 1, time");
    expect(describePath("expectations[2].nodeId")).toBe("Expectation 3, node");
    expect(describePath("expectations")).toBe("Expectations");
  });
});

describe("following a job", () => {
  const job = (state: ScenarioJob["state"], progress: number): ScenarioJob => ({
    id: "j",
    scenarioId: "s",
    kind: "run",
    state,
    progress,
    startedAt: "",
  });

  it("polls until the job stops running, reporting every answer", async () => {
    const answers = [job("running", 0.5), job("done", 1)];
    const seen: string[] = [];
    const waits: number[] = [];
    const end = await followJob(
      job("running", 0),
      async () => answers.shift()!,
      (j) => seen.push(jobStateText(j)),
      {
        wait: async (ms) => void waits.push(ms),
      },
    );
    expect(end.state).toBe("done");
    expect(seen).toEqual(["Simulating… 0 %", "Simulating… 50 %", "Finished"]);
    expect(waits).toEqual([400, 400]);
  });

  it("stops following (without cancelling) when no longer wanted", async () => {
    let polls = 0;
    const end = await followJob(
      job("running", 0),
      async () => (polls++, job("running", 0.1)),
      () => {},
      {
        wait: async () => {},
        stillWanted: () => polls < 2,
      },
    );
    expect(polls).toBe(2);
    expect(end.state).toBe("running");
  });
});

describe("panel helpers", () => {
  it("charts: peak and polyline points scaled into the box", () => {
    expect(peakOf([1, 5, 3, 5])).toEqual({ value: 5, index: 1 });
    expect(peakOf([])).toEqual({ value: 0, index: 0 });
    expect(linePoints([0, 10, 5], [0, 50, 100], 100, 20)).toBe("0.0,100.0 50.0,50.0 100.0,75.0");
  });

  it("forecast multipliers as typed", () => {
    expect(parseMultipliers("1, 2, 5")).toEqual([1, 2, 5]);
    expect(parseMultipliers("×1 ×2.5 x10")).toEqual([1, 2.5, 10]);
    expect(parseMultipliers("1, lots")).toBeNull();
    expect(parseMultipliers("  ")).toBeNull();
  });

  it("node menus keep a missing node visible and offer 'Every group' where allowed", () => {
    const consumers = shop.nodes.filter((n) => n.kind === "consumer").slice(0, 2);
    expect(nodeOptions(consumers, "payment")).toEqual([
      { value: "payment", label: "Payment" },
      { value: "inventory", label: "Inventory" },
    ]);
    expect(nodeOptions(consumers, "gone", { optional: true })).toEqual([
      { value: "", label: "Every group" },
      { value: "gone", label: "gone (not usable)" },
      { value: "payment", label: "Payment" },
      { value: "inventory", label: "Inventory" },
    ]);
  });
});
