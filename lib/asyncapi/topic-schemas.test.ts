import { describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import type { FlowGraph } from "@/lib/flow";
import { exportAsyncApi } from "./export";
import { importAsyncApi } from "./import";
import { officialProblems } from "./official-parser.test-util";

const orderSchema = {
  type: "object",
  required: ["orderId"],
  properties: { orderId: { type: "string" }, total: { type: "number", minimum: 0 } },
};
const topicOf = (graph: FlowGraph | undefined, name: string) =>
  graph?.nodes.find((n) => n.kind === "topic" && n.config.name === name);

describe("topic schemas in AsyncAPI", () => {
  it("export a topic's schema as its messages' payload, and import it back with its settings", async () => {
    const graph = structuredClone(example) as FlowGraph;
    Object.assign(graph.nodes.find((n) => n.id === "orders")!.config, {
      schema: JSON.stringify(orderSchema),
      onSchemaViolation: "dead-letter",
      schemaDeadLetter: "payments",
    });
    const { document } = exportAsyncApi(graph);
    expect(document.components.messages["order.placed"].payload).toEqual(orderSchema);
    expect(await officialProblems(document)).toEqual([]);
    const back = importAsyncApi(document);
    expect(topicOf(back.graph, "orders")?.config).toMatchObject({
      schema: JSON.stringify(orderSchema),
      onSchemaViolation: "dead-letter",
      schemaDeadLetter: "payments",
    });
  });

  it("take a channel's message payload from another tool's document as the topic's schema", () => {
    const doc = {
      asyncapi: "3.0.0",
      info: { title: "Shop", version: "1" },
      channels: {
        orders: {
          address: "orders",
          messages: { placed: { $ref: "#/components/messages/placed" } },
        },
        audit: {
          address: "audit",
          messages: { entry: { payload: { type: "string", pattern: "(?<=x)y" } } },
        },
      },
      components: {
        schemas: { order: orderSchema },
        messages: { placed: { name: "order.placed", payload: { $ref: "#/components/schemas/order" } } },
      },
    };
    const imported = importAsyncApi(doc);
    expect(topicOf(imported.graph, "orders")?.config).toMatchObject({ schema: JSON.stringify(orderSchema) });
    expect(topicOf(imported.graph, "audit")?.config).not.toHaveProperty("schema");
    expect(imported.unmapped).toContainEqual({
      path: "channels.audit.messages",
      message:
        "the message payload schema cannot be the topic's schema: it has a pattern at / that RE2 cannot run (error parsing regexp: invalid named capture: `(?<=x)y`): lookaround and backreferences are not supported",
    });
  });
});
