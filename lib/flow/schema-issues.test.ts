import { describe, expect, it } from "vitest";
import example from "../../examples/ecommerce-orders.json";
import type { FlowGraph } from "./schema";
import { validateGraph } from "./validate";

const withOrdersTopic = (patch: Record<string, unknown>): FlowGraph => {
  const graph = structuredClone(example) as FlowGraph;
  const orders = graph.nodes.find((n) => n.id === "orders")!;
  Object.assign(orders.config, patch);
  return graph;
};
const errors = (graph: FlowGraph) =>
  validateGraph(graph)
    .issues.filter((i) => i.severity === "error")
    .map((i) => [i.path, i.message]);
const at = `nodes[${(example.nodes as { id: string }[]).findIndex((n) => n.id === "orders")}].config`;

describe("topic schemas in the flow", () => {
  it("take a schema that compiles, and name what is wrong with one that does not", () => {
    expect(errors(withOrdersTopic({ schema: '{"type":"object"}' }))).toEqual([]);
    expect(errors(withOrdersTopic({ schema: '{"type":"string","pattern":"(a)\\\\1"}' }))).toEqual([
      [
        `${at}.schema`,
        "has a pattern at / that RE2 cannot run (error parsing regexp: invalid escape sequence: `\\1`): lookaround and backreferences are not supported",
      ],
    ]);
  });

  it("need another topic of the flow to dead-letter events breaking the schema", () => {
    const deadLetter = (schemaDeadLetter?: string) =>
      errors(
        withOrdersTopic({
          schema: '{"type":"object"}',
          onSchemaViolation: "dead-letter",
          ...(schemaDeadLetter !== undefined ? { schemaDeadLetter } : {}),
        }),
      );
    expect(deadLetter()).toEqual([
      [`${at}.schemaDeadLetter`, "name the topic that takes events breaking the schema"],
    ]);
    expect(deadLetter("orders")).toEqual([
      [
        `${at}.schemaDeadLetter`,
        "must be another topic: events breaking the schema cannot go back into this one",
      ],
    ]);
    expect(deadLetter("nowhere")).toEqual([[`${at}.schemaDeadLetter`, "no topic 'nowhere' in this flow"]]);
    expect(deadLetter("payments")).toEqual([]);
  });
});
