import { describe, expect, it } from "vitest";
import { compileTopicSchema, describeViolations, TOPIC_SCHEMA_LIMITS } from "@/lib/schemas/topic-schema";
import { installCompiledSchemas } from "./compiled-schemas";

installCompiledSchemas();

const order = JSON.stringify({
  type: "object",
  required: ["orderId", "total"],
  properties: {
    orderId: { type: "string", pattern: "^o-[0-9]+$" },
    total: { type: "number", minimum: 0 },
    lines: { type: "array", items: { type: "object", required: ["sku"] } },
  },
  additionalProperties: false,
});

const check = (text: string, data: unknown) => {
  const compiled = compileTopicSchema(text);
  if (!compiled.ok) throw new Error(compiled.message);
  return compiled.check(data);
};

describe("topic JSON Schemas on the server (Ajv)", () => {
  it("list every violation by its JSON Pointer", () => {
    expect(check(order, { orderId: "o-1", total: 3 })).toEqual([]);
    const found = check(order, { orderId: "x", total: -1, lines: [{}], coupon: "FREE" });
    expect(found).toEqual([
      { path: "", message: "has an unexpected property 'coupon'" },
      { path: "/orderId", message: 'must match pattern "^o-[0-9]+$"' },
      { path: "/total", message: "must be >= 0" },
      { path: "/lines/0", message: "must have required property 'sku'" },
    ]);
    expect(describeViolations(found)).toBe(
      "(data) has an unexpected property 'coupon'; /orderId must match pattern \"^o-[0-9]+$\"; /total must be >= 0; and 1 more",
    );
  });

  it("run patterns in linear time: a catastrophic pattern on a long text just answers", () => {
    const hostile = JSON.stringify({ type: "string", pattern: "^(a+)+$" });
    expect(check(hostile, "a".repeat(200_000) + "!")).toEqual([
      { path: "", message: 'must match pattern "^(a+)+$"' },
    ]);
  });

  it("refuse schemas past their bounds or with what could not be bounded, naming why", () => {
    const refused = (text: string) => {
      const compiled = compileTopicSchema(text);
      return compiled.ok ? "compiled" : compiled.message;
    };
    expect(refused("x".repeat(TOPIC_SCHEMA_LIMITS.maxChars + 1))).toBe("is over 16384 characters");
    let deep: unknown = { type: "string" };
    for (let i = 0; i < 40; i++) deep = { type: "array", items: deep };
    expect(refused(JSON.stringify(deep))).toBe("nests deeper than 32 levels");
    expect(refused("{ nope")).toMatch(/^is not valid JSON: /);
    expect(refused("[]")).toBe("must be a JSON Schema object");
    expect(refused('{"type":"object","properties":{"code":{"type":"string","pattern":"(?=a)b"}}}')).toBe(
      "has a pattern at /properties/code that RE2 cannot run (error parsing regexp: invalid or unsupported Perl syntax: `(?=`): lookaround and backreferences are not supported",
    );
    expect(refused('{"type":"array","items":{"type":"object"},"uniqueItems":true}')).toBe(
      "uniqueItems at / needs items of a scalar type (string, number, boolean)",
    );
    expect(refused('{"type":"array","items":{"type":"string"},"uniqueItems":true}')).toBe("compiled");
    expect(refused('{"$ref":"https://example.com/order.json"}')).toBe(
      "refers outside the schema at / (https://example.com/order.json): only references inside it (#/…) are taken",
    );
    expect(refused('{"$ref":"#/$defs/missing"}')).toMatch(
      /^is not a usable JSON Schema: can't resolve reference/,
    );
    expect(refused('{"type":"nonsense"}')).toMatch(/^is not a usable JSON Schema: schema is invalid/);
  });
});
