import { describe, expect, it } from "vitest";
import { z } from "zod";
import { compileTemplate, seededFaker } from "@/lib/events";
import { schemaToTemplate } from "./schema-template";

const schema = {
  type: "object",
  required: ["id", "at", "customerId"],
  properties: {
    id: { type: "string", format: "uuid" },
    at: { type: "string", format: "date-time" },
    email: { type: "string", format: "email" },
    customerId: { type: "string" },
    temperature: { type: "number" },
    quantity: { type: "integer" },
    percent: { type: "integer", minimum: 5, maximum: 10 },
    ratio: { type: ["number", "null"], minimum: 0.5 },
    kind: { enum: ["a", "b"] },
    odd: { enum: [1, "x:y"] },
    fixed: { const: { v: 1 } },
    flags: { type: "array", items: { type: "boolean" } },
    pair: { type: "array", items: [{ type: "string" }, { type: "null" }] },
    anything: {},
    merged: {
      allOf: [
        { properties: { a: { type: "string" } } },
        { properties: { b: { type: "integer", maximum: 3, minimum: 3 } } },
      ],
    },
    either: { oneOf: [{ type: "boolean" }, { type: "string" }] },
  },
};

describe("schemaToTemplate", () => {
  it("picks placeholders by format, bounds, field name and type", () => {
    expect(JSON.parse(schemaToTemplate(schema)!)).toEqual({
      id: "{{uuid}}",
      at: "{{timestamp}}",
      email: "{{email}}",
      customerId: "{{customerId}}",
      temperature: "{{temperature}}",
      quantity: "{{quantity}}",
      percent: "{{int:5:10}}",
      ratio: "{{float:0.5:100.5}}",
      kind: "{{pick:a|b}}",
      odd: 1,
      fixed: { v: 1 },
      flags: ["{{bool}}"],
      pair: ["{{word}}", null],
      anything: "{{word}}",
      merged: { a: "{{word}}", b: "{{int:3:3}}" },
      either: "{{bool}}",
    });
  });

  it("writes templates whose events satisfy the schema", () => {
    const template = compileTemplate(schemaToTemplate(schema)!);
    if (!template.ok) throw new Error(template.message);
    // zod's JSON Schema reader knows no allOf/oneOf merging and compares object consts by identity.
    const { anything: _open, merged: _allOf, either: _oneOf, fixed: _object, ...plain } = schema.properties;
    const check = z.fromJSONSchema({ ...schema, properties: plain } as never);
    for (let seed = 1; seed <= 10; seed++)
      expect(
        check.safeParse(template.render({ faker: seededFaker(seed), nowMs: seed, seq: seed })).error?.issues,
      ).toBeUndefined();
  });

  it("sends an empty object for an open schema and gives up on cycles deeper than it goes", () => {
    expect(schemaToTemplate({})).toBe("{}");
    expect(schemaToTemplate(undefined)).toBe("{}");
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 12; i++) deep = { type: "object", properties: { next: deep } };
    expect(schemaToTemplate(deep)).toContain('"next": null');
  });
});
