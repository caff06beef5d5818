import { describe, expect, it } from "vitest";
import { jsonTextDepth, MAX_JSON_DEPTH, valueDepth } from "./depth";

const nested = (levels: number) => "[".repeat(levels) + "]".repeat(levels);

describe("JSON depth", () => {
  it("counts objects and arrays, not brackets inside strings", () => {
    expect(jsonTextDepth("1")).toBe(0);
    expect(jsonTextDepth('{"a":[1,{"b":"[[[{{"}]}')).toBe(3);
    expect(jsonTextDepth('["\\"[[["]')).toBe(1);
    expect(valueDepth(JSON.parse('{"a":[1,{"b":"[[[{{"}]}'))).toBe(3);
    expect(valueDepth("text")).toBe(0);
  });

  it("stops counting just past the limit, so a million levels cost one pass and no stack", () => {
    const deep = nested(1_000_000);
    expect(jsonTextDepth(deep)).toBe(MAX_JSON_DEPTH + 1);
    expect(jsonTextDepth(deep, 10)).toBe(11);
    let value: unknown = [];
    for (let i = 1; i < 200_000; i++) value = [value];
    expect(valueDepth(value)).toBe(MAX_JSON_DEPTH + 1);
  });
});
