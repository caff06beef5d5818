import { describe, expect, it } from "vitest";
import { consumer, edge, graph, producer, topic } from "@/server/runtime/testing/flows";
import { templateSchemaProblems } from "./template-schema";

describe("a producer's sample against its topics' schemas", () => {
  it("names each topic whose schema the sample breaks, and what it breaks", () => {
    const g = graph(
      [
        producer("p"),
        topic("orders", { schema: '{"type":"object","required":["total"]}' }),
        topic("audit", { schema: '{"type":"object"}' }),
        topic("free"),
        consumer("c"),
      ],
      [edge("publishes", "p", "orders"), edge("publishes", "p", "audit"), edge("publishes", "p", "free")],
    );
    expect(templateSchemaProblems(g, "p", { total: 3 })).toEqual([]);
    expect(templateSchemaProblems(g, "p", { sum: 3 })).toEqual([
      "This sample breaks the schema of topic 'orders': (data) Instance does not have required property \"total\".",
    ]);
  });
});
