import { describe, expect, it } from "vitest";
import { matchesPattern, MAX_FILTER_DEPTH, ZFilterPattern } from "./filter";
import { readGraph } from "./parse-stored";

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

  it("refuses a filter nested past its limit with an issue, however deep (no stack overflow)", () => {
    const nest = (levels: number) =>
      JSON.parse('{"a":'.repeat(levels - 1) + '{"b":["x"]}' + "}".repeat(levels - 1));
    expect(ZFilterPattern.safeParse(nest(MAX_FILTER_DEPTH)).success).toBe(true);
    for (const levels of [MAX_FILTER_DEPTH + 1, 1466, 100_000]) {
      const parsed = ZFilterPattern.safeParse(nest(levels));
      expect(parsed.error?.issues.map((i) => i.message)).toEqual([
        `a filter may nest at most ${MAX_FILTER_DEPTH} levels of fields`,
      ]);
    }
    const graph = {
      schemaVersion: 1,
      nodes: [
        {
          id: "t",
          kind: "topic",
          position: { x: 0, y: 0 },
          config: { name: "orders", partitions: 1, retention: { maxEvents: 10 } },
        },
      ],
      edges: [{ id: "e", kind: "subscribes", source: "t", target: "c", filter: nest(1466) }],
    };
    expect(readGraph(graph).issues).toContainEqual(
      expect.objectContaining({
        path: "edges[0].filter",
        message: `a filter may nest at most ${MAX_FILTER_DEPTH} levels of fields`,
      }),
    );
  });

  it("refuses a __proto__ field instead of dropping it", () => {
    const parsed = ZFilterPattern.safeParse(JSON.parse('{"data":{"__proto__":["x"],"amount":[1]}}'));
    expect(parsed.error?.issues).toEqual([
      expect.objectContaining({ path: ["data", "__proto__"], message: "'__proto__' cannot be a field name" }),
    ]);
  });
});
