import { describe, expect, it } from "vitest";
import { z } from "zod";
import { FAKE_VALUES, compileTemplate, seededFaker } from "@/lib/events";
import { producerKind } from "@/lib/flow";
import example from "@/examples/ecommerce-orders.json";
import richFlow from "./fixtures/rich-flow.json";
import { placeholderSchema } from "./placeholder-schemas";
import { SAMPLE_TIME_MS, templateToSchema } from "./template-schema";

const ARGS: Record<string, string[]> = { int: ["-3", "7"], float: ["0.5", "2"], pick: ["red|green|red"] };
const templates = [example, richFlow].flatMap((g) =>
  g.nodes.flatMap((n) =>
    n.kind === "producer" ? [(n.config as { payloadTemplate: string }).payloadTemplate] : [],
  ),
);

describe("placeholderSchema", () => {
  it.each(Object.keys(FAKE_VALUES))("describes every value {{%s}} renders", (name) => {
    const schema = z.fromJSONSchema(placeholderSchema(name, ARGS[name] ?? []) as never);
    for (let seed = 1; seed <= 25; seed++) {
      const value = FAKE_VALUES[name].generate(
        { faker: seededFaker(seed), nowMs: SAMPLE_TIME_MS + seed, seq: seed },
        ARGS[name] ?? [],
      );
      expect(schema.safeParse(value).success, `${name} = ${JSON.stringify(value)}`).toBe(true);
    }
  });

  it("reads bounds and choices from arguments, with the generators' fallbacks", () => {
    expect(placeholderSchema("int", ["1", "5"])).toEqual({ type: "integer", minimum: 1, maximum: 5 });
    expect(placeholderSchema("int", [])).toEqual({ type: "integer", minimum: 0, maximum: 100 });
    expect(placeholderSchema("float", ["x"])).toEqual({ type: "number", minimum: 0, maximum: 1 });
    expect(placeholderSchema("pick", ["a|b|a"])).toEqual({ type: "string", enum: ["a", "b"] });
  });
});

describe("templateToSchema", () => {
  it("infers types, formats and required fields from the e-commerce template", () => {
    const result = templateToSchema(example.nodes[0].config!.payloadTemplate as string);
    expect(result.ok && result.schema).toEqual({
      type: "object",
      required: ["orderId", "customerId", "items", "currency", "placedAt"],
      properties: {
        orderId: { type: "string", pattern: "^ord_[a-z0-9]{10}$" },
        customerId: { type: "string", pattern: "^cus_[a-z0-9]{10}$" },
        items: {
          type: "array",
          items: {
            type: "object",
            required: ["productId", "quantity", "unitPrice"],
            properties: {
              productId: { type: "string", pattern: "^prd_[a-z0-9]{10}$" },
              quantity: { type: "integer", minimum: 1, maximum: 5 },
              unitPrice: { type: "number", minimum: 1, maximum: 500 },
            },
          },
        },
        currency: { type: "string", enum: ["USD", "EUR", "GBP"] },
        placedAt: { type: "string", format: "date-time" },
      },
    });
  });

  it("types inline placeholders as strings, literals as constants, and repeated array items once", () => {
    const result = templateToSchema(
      '{"label": "order {{seq}}", "v": 2, "x": 1.5, "on": false, "n": null, "e": {}, "l": [], "t": ["{{word}}", "{{word}}", 3], "q": "{{pick:say \\"hi\\"|bye}}"}',
    );
    expect(result.ok && result.schema).toEqual({
      type: "object",
      required: ["label", "v", "x", "on", "n", "e", "l", "t", "q"],
      properties: {
        label: { type: "string" },
        v: { type: "integer", const: 2 },
        x: { type: "number", const: 1.5 },
        on: { type: "boolean", const: false },
        n: { type: "null" },
        e: { type: "object" },
        l: { type: "array" },
        t: { type: "array", items: { anyOf: [{ type: "string" }, { type: "integer", const: 3 }] } },
        q: { type: "string", enum: ['say "hi"', "bye"] },
      },
    });
  });

  it.each(templates.concat(producerKind.defaults().payloadTemplate))(
    "renders examples valid against the inferred schema: %s",
    (template) => {
      const result = templateToSchema(template);
      if (!result.ok) throw new Error(result.message);
      const schema = z.fromJSONSchema(result.schema as never);
      expect(schema.safeParse(result.example).success).toBe(true);
      const compiled = compileTemplate(template);
      if (!compiled.ok) throw new Error(compiled.message);
      for (let seed = 2; seed <= 20; seed++)
        expect(
          schema.safeParse(compiled.render({ faker: seededFaker(seed), nowMs: seed * 1e9, seq: seed }))
            .success,
        ).toBe(true);
    },
  );

  it("reports templates that do not compile", () => {
    expect(templateToSchema('{"x": "{{nope}}"}')).toEqual({
      ok: false,
      message: expect.stringMatching(/^unknown placeholder \{\{nope\}\}/),
    });
    expect(templateToSchema("{oops")).toEqual({
      ok: false,
      message: expect.stringMatching(/^the template is not valid JSON/),
    });
  });
});
