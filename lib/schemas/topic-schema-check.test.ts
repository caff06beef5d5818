import { describe, expect, it } from "vitest";
import { hasTopicSchema, topicSchemaCheckerLoaded, topicSchemaProblem } from "./topic-schema-check";

describe("the topic schema check the flow model uses", () => {
  it("has the checker at hand outside a browser", () => {
    expect(topicSchemaCheckerLoaded()).toBe(true);
  });

  it("names what makes a schema unusable, and takes an empty or usable one", () => {
    expect(topicSchemaProblem("")).toBeUndefined();
    expect(topicSchemaProblem("  ")).toBeUndefined();
    expect(topicSchemaProblem('{"type":"object"}')).toBeUndefined();
    expect(topicSchemaProblem("[1]")).toBe("must be a JSON Schema object");
    expect(topicSchemaProblem('{"type":"string","pattern":"(a)\\\\1"}')).toMatch(
      /^has a pattern at \/ that RE2 cannot run/,
    );
  });

  it("tells whether any topic of a graph has a schema", () => {
    const topic = (schema?: string) => ({ kind: "topic", config: { name: "t", schema } });
    expect(hasTopicSchema([topic(), topic(" "), { kind: "producer", config: { schema: "{}" } }])).toBe(false);
    expect(hasTopicSchema([topic(), topic('{"type":"object"}')])).toBe(true);
  });
});
