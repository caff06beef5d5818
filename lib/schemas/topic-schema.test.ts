import { describe, expect, it } from "vitest";
import { compileTopicSchema } from "./topic-schema";

// In the browser (no generated code under its CSP) schemas run on an interpreter; the bounds
// are the same as on the server (server/schemas).
describe("topic JSON Schemas in the browser", () => {
  it("name each violation by its JSON Pointer, leaves only", () => {
    const compiled = compileTopicSchema(
      JSON.stringify({
        type: "object",
        required: ["orderId"],
        properties: {
          orderId: { type: "string" },
          total: { type: "number", minimum: 0 },
          lines: { type: "array", items: { required: ["sku"] } },
        },
        additionalProperties: false,
      }),
    );
    if (!compiled.ok) throw new Error(compiled.message);
    expect(compiled.check({ orderId: "o", total: 1 })).toEqual([]);
    expect(compiled.check({ total: -5, lines: [{}], coupon: "x" })).toEqual([
      { path: "", message: 'Instance does not have required property "orderId".' },
      { path: "/total", message: "-5 is less than 0." },
      { path: "/lines/0", message: 'Instance does not have required property "sku".' },
      { path: "/coupon", message: "is not allowed here" },
    ]);
  });

  it("refuse the same unbounded schemas as the server", () => {
    const refused = (schema: unknown) => {
      const compiled = compileTopicSchema(JSON.stringify(schema));
      return compiled.ok ? "compiled" : compiled.message;
    };
    expect(refused({ type: "string", pattern: "(a)\\1" })).toBe(
      "has a pattern at / that RE2 cannot run (error parsing regexp: invalid escape sequence: `\\1`): lookaround and backreferences are not supported",
    );
    expect(refused({ type: "array", uniqueItems: true })).toBe(
      "uniqueItems at / needs items of a scalar type (string, number, boolean)",
    );
    expect(refused({ type: "string", pattern: "^(a+)+$" })).toBe("compiled");
  });
});
