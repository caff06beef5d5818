import { describe, expect, it } from "vitest";
import { matchesPattern, ZFilterPattern } from "./filter";

const event = {
  type: "order.placed",
  source: "/shop",
  data: { amount: 120, currency: "EUR", tags: ["vip", "eu"], customer: { tier: "gold" } },
};

describe("matchesPattern", () => {
  it.each([
    [{ type: ["order.placed"] }, true],
    [{ type: ["order.cancelled", "order.placed"] }, true],
    [{ type: ["order.cancelled"] }, false],
    [{ type: [{ prefix: "order." }] }, true],
    [{ type: [{ prefix: "payment." }] }, false],
    [{ data: { amount: [{ numeric: [">", 100, "<=", 120] }] } }, true],
    [{ data: { amount: [{ numeric: [">", 120] }] } }, false],
    [{ data: { amount: [{ numeric: ["=", 120] }] } }, true],
    [{ data: { coupon: [{ exists: false }] } }, true],
    [{ data: { coupon: [{ exists: true }] } }, false],
    [{ data: { currency: [{ "anything-but": ["USD", "GBP"] }] } }, true],
    [{ data: { currency: [{ "anything-but": "EUR" }] } }, false],
    [{ data: { currency: [{ "anything-but": { prefix: "E" } }] } }, false],
    [{ data: { tags: ["vip"] } }, true],
    [{ data: { tags: ["new"] } }, false],
    [{ data: { customer: { tier: ["gold"] } } }, true],
    [{ data: { customer: { tier: ["silver"] } } }, false],
    [{ type: ["order.placed"], data: { currency: ["USD"] } }, false],
    [{ data: { amount: ["120"] } }, false],
  ])("%j → %s", (pattern, expected) => {
    expect(ZFilterPattern.safeParse(pattern).success).toBe(true);
    expect(matchesPattern(pattern as never, event)).toBe(expected);
  });

  it("refuses malformed patterns", () => {
    for (const bad of [
      { type: "order.placed" },
      { type: [] },
      { type: [{ numeric: [100, ">"] }] },
      { type: [{ suffix: "x" }] },
    ]) {
      expect(ZFilterPattern.safeParse(bad).success).toBe(false);
    }
  });
});
