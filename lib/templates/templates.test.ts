import { describe, expect, it } from "vitest";
import { validateGraph } from "../flow/validate";
import { FLOW_TEMPLATES } from "./index";

describe("flow templates", () => {
  it.each(FLOW_TEMPLATES.filter((t) => t.id !== "empty").map((t) => [t.id, t] as const))(
    "%s is a valid graph with no warnings",
    (_id, template) => {
      const result = validateGraph(template.graph);
      expect(result.issues).toEqual([]);
      expect(result.graph).toBeDefined();
    },
  );

  it("the empty template is valid and warns only that it is empty", () => {
    const result = validateGraph(FLOW_TEMPLATES[0].graph);
    expect(result.graph).toBeDefined();
    expect(result.issues.map((i) => [i.severity, i.path])).toEqual([["warning", "nodes"]]);
  });

  it("offers an empty flow and at least three templates, with the issue's three pipelines", () => {
    expect(FLOW_TEMPLATES[0].graph.nodes).toHaveLength(0);
    expect(FLOW_TEMPLATES.map((t) => t.id)).toEqual([
      "empty",
      "ecommerce-orders",
      "iot-sensors",
      "retry-dead-letter",
    ]);
    const iot = FLOW_TEMPLATES.find((t) => t.id === "iot-sensors")!;
    expect(iot.graph.edges.some((e) => e.kind === "subscribes" && e.filter)).toBe(true);
    const retry = FLOW_TEMPLATES.find((t) => t.id === "retry-dead-letter")!;
    expect(retry.graph.edges.some((e) => e.kind === "dead-letters")).toBe(true);
  });
});
