import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import { namesInUse, nodeName, readableKey, uniqueName } from "./names";
import type { FlowGraph } from "./schema";

const graph = example as FlowGraph;
const byId = (id: string) => graph.nodes.find((n) => n.id === id)!;

describe("nodeName", () => {
  it("is the label when there is one, else the event type, topic name or group: never the id", () => {
    expect(nodeName(byId("order-service"))).toBe("Order service");
    expect(nodeName(byId("orders"))).toBe("orders");
    const { label: _l, ...producer } = byId("order-service");
    expect(nodeName(producer as FlowGraph["nodes"][number])).toBe("order.placed");
    const { label: _c, ...consumer } = byId("payment");
    expect(nodeName({ ...consumer, id: "consumer-t6yz44" } as FlowGraph["nodes"][number])).toBe("payment");
  });
});

describe("names in use and unique names", () => {
  it("collects the naming field per kind", () => {
    expect([...namesInUse(graph.nodes, "topic")].sort()).toEqual(["email.dlq", "orders", "payments"]);
    expect([...namesInUse(graph.nodes, "producer")]).toEqual(["order.placed"]);
  });

  it("numbers a taken name instead of stacking suffixes", () => {
    expect(uniqueName("orders", new Set(["orders", "orders-2"]))).toBe("orders-3");
    expect(uniqueName("orders-2", new Set(["orders-2"]))).toBe("orders-3");
  });
});

describe("readableKey", () => {
  it("makes a key from a name, claiming it so the next one is numbered", () => {
    const taken = new Set<string>();
    expect(readableKey("order.placed", taken)).toBe("order.placed");
    expect(readableKey("order.placed", taken)).toBe("order.placed-2");
    expect(readableKey("Checkout (awaits payment)", taken)).toBe("Checkout-awaits-payment");
    expect(readableKey("  ", taken)).toBe("node");
    expect(readableKey("x".repeat(100), taken)).toHaveLength(64);
  });
});
