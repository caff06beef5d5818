import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { diffGraphs, onlyPlacesDiffer } from "./diff";
import type { FlowGraph } from "./schema";

describe("diffGraphs", () => {
  it("sees moves as unchanged, config edits as changed, and additions and removals", () => {
    const before = example as FlowGraph;
    const after = structuredClone(before);
    after.nodes[0].position = { x: 99, y: 99 };
    (after.nodes[1].config as { partitions: number }).partitions = 6;
    after.nodes = after.nodes.filter((n) => n.id !== "recommendations");
    after.edges = after.edges.filter((e) => e.target !== "recommendations");
    after.nodes.push({
      id: "audit",
      kind: "topic",
      position: { x: 0, y: 0 },
      config: { name: "audit", partitions: 1, retention: { maxEventsPerPartition: 10, maxAgeMs: 0 } },
    });
    const diff = diffGraphs(before, after);
    expect(diff.addedNodes.map((n) => n.id)).toEqual(["audit"]);
    expect(diff.removedNodes.map((n) => n.id)).toEqual(["recommendations"]);
    expect(diff.changedNodes.map((c) => c.after.id)).toEqual(["orders"]);
    expect(diff.unchangedNodeIds).toEqual([
      "order-service",
      "payment",
      "inventory",
      "email",
      "payments",
      "email-dlq",
      "checkout",
    ]);
    expect(diff.removedEdges.map((e) => e.id)).toEqual(["e-orders-recommendations"]);
    expect(diff.addedEdges).toEqual([]);
  });
});

describe("onlyPlacesDiffer", () => {
  const before = example as FlowGraph;
  const changed = (change: (g: FlowGraph) => void) => {
    const after = structuredClone(before);
    change(after);
    return after;
  };

  it("holds for a copy and for moved nodes", () => {
    expect(onlyPlacesDiffer(before, before)).toBe(true);
    expect(onlyPlacesDiffer(before, structuredClone(before))).toBe(true);
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => (g.nodes[2].position = { x: -5, y: 1e5 })),
      ),
    ).toBe(true);
  });

  it("fails for any change a check reads: config, label, an edge, the order, a node more, the scenarios", () => {
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => ((g.nodes[1].config as { partitions: number }).partitions = 6)),
      ),
    ).toBe(false);
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => (g.nodes[0].label = "renamed")),
      ),
    ).toBe(false);
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => (g.edges[0].target = "email-dlq")),
      ),
    ).toBe(false);
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => g.nodes.reverse()),
      ),
    ).toBe(false);
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => g.nodes.pop()),
      ),
    ).toBe(false);
    expect(
      onlyPlacesDiffer(
        before,
        changed((g) => (g.scenarios = [])),
      ),
    ).toBe(false);
  });
});
