import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import type { FlowGraph } from "../flow";
import { layoutPicture } from "./graph-picture";

describe("layoutPicture", () => {
  it("fits every node inside the box and joins edges side to side", () => {
    const picture = layoutPicture(example as FlowGraph, 1200, 630, 40);
    expect(picture.nodes).toHaveLength(9);
    expect(picture.edges).toHaveLength(8);
    for (const n of picture.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(n.y).toBeGreaterThanOrEqual(40 - 1e-9);
      expect(n.x + n.width).toBeLessThanOrEqual(1160 + 1e-9);
      expect(n.y + n.height).toBeLessThanOrEqual(590 + 1e-9);
    }
    const orders = picture.nodes.find((n) => n.id === "orders")!;
    expect(orders.label).toBe("orders");
    const publish = picture.edges.find((e) => e.id === "e-publish-orders")!;
    expect([publish.x2, publish.y2]).toEqual([orders.x, orders.y + orders.height / 2]);
  });

  it("draws nothing for an empty flow", () => {
    expect(layoutPicture({ schemaVersion: 2, nodes: [], edges: [] }, 100, 100)).toEqual({
      nodes: [],
      edges: [],
      scale: 1,
    });
  });
});
