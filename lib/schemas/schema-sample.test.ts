import { describe, expect, it } from "vitest";
import { schemaSample } from "./schema-sample";

describe("a sample from a topic's schema", () => {
  it("uses examples, defaults, enums and the smallest value of each type", () => {
    expect(
      schemaSample({
        type: "object",
        properties: {
          orderId: { type: "string", examples: ["o-1"] },
          currency: { enum: ["EUR", "USD"] },
          total: { type: "number", minimum: 1 },
          gift: { type: "boolean", default: true },
          lines: {
            type: "array",
            items: { type: "object", properties: { sku: { type: "string", minLength: 3 } } },
          },
          note: { type: ["string", "null"] },
        },
      }),
    ).toEqual({ orderId: "o-1", currency: "EUR", total: 1, gift: true, lines: [{ sku: "xxx" }], note: "" });
  });

  it("stops at a depth bound on recursive shapes", () => {
    const node: Record<string, unknown> = { type: "object", properties: {} };
    (node.properties as Record<string, unknown>).child = node;
    let value = schemaSample(node) as Record<string, unknown> | null;
    let depth = 0;
    while (value && typeof value === "object") {
      value = value.child as Record<string, unknown> | null;
      depth++;
    }
    expect(depth).toBe(9);
  });
});
