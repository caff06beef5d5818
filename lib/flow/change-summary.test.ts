import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { isNoChange, MAX_NAMES_PER_CHANGE, summarizeChanges } from "./change-summary";
import type { FlowGraph } from "./schema";

const base = () => structuredClone(example) as FlowGraph;

describe("summarizeChanges", () => {
  it("names nodes and connections added, removed, changed and moved, as a person knows them", () => {
    const before = base();
    const after = base();
    after.nodes[0].position = { x: 999, y: 999 };
    const orders = after.nodes.find((n) => n.id === "orders")!;
    (orders.config as { partitions: number }).partitions = 6;
    after.nodes.find((n) => n.id === "payment")!.label = "Payments service";
    after.nodes = after.nodes.filter((n) => n.id !== "recommendations");
    after.edges = after.edges.filter((e) => e.target !== "recommendations" && e.source !== "recommendations");
    after.nodes.push({
      id: "audit",
      kind: "topic",
      position: { x: 0, y: 0 },
      config: { name: "audit", partitions: 1, retention: { maxEventsPerPartition: 10, maxAgeMs: 0 } },
    });
    after.edges.push({ id: "to-audit", kind: "subscribes", source: "audit", target: "email" });
    const summary = summarizeChanges(before, after);
    expect(summary.addedNodes).toEqual({ count: 1, names: ["audit"] });
    expect(summary.removedNodes).toEqual({ count: 1, names: ["Recommendations"] });
    expect(summary.changedNodes).toEqual({ count: 2, names: ["orders", "Payments service"] });
    expect(summary.movedNodes).toEqual({ count: 1, names: ["Order service"] });
    expect(summary.addedEdges).toEqual({ count: 1, names: ["audit subscribes Email"] });
    expect(summary.removedEdges).toEqual({ count: 1, names: ["orders subscribes Recommendations"] });
    expect(summary.changedEdges.count).toBe(0);
    expect(summary.scenarios).toBe(false);
    expect(isNoChange(summary)).toBe(false);
  });

  it("says when nothing changed, and lists at most a few names with the full count", () => {
    expect(isNoChange(summarizeChanges(base(), base()))).toBe(true);
    const before: FlowGraph = { ...base(), nodes: [], edges: [] };
    const summary = summarizeChanges(before, base());
    expect(summary.addedNodes.count).toBe(base().nodes.length);
    expect(summary.addedNodes.names).toHaveLength(MAX_NAMES_PER_CHANGE);
  });
});
