import type { FlowGraph } from "@/lib/flow";
import { NODE_KIND_SPECS } from "@/lib/flow";
import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const graph = (): FlowGraph => ({
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: NODE_KIND_SPECS.producer.defaults() },
    { id: "t", kind: "topic", position: { x: 320, y: 160 }, config: NODE_KIND_SPECS.topic.defaults() },
    { id: "c", kind: "consumer", position: { x: 640, y: 0 }, config: NODE_KIND_SPECS.consumer.defaults() },
  ],
  edges: [],
});

test("A connection the flow model forbids is refused while dragging, with the reason", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Refuse me", graph: graph() });
  await designer.open(flow);
  await designer.startConnection("Producer order.placed", "Consumer payments");
  await expect(designer.canvas.getByRole("status")).toHaveText(
    "A producer cannot connect to a consumer: connect it to a topic",
  );
  await page.mouse.up();
  await expect(designer.canvas.getByRole("status")).toHaveCount(0);
  await expect(designer.edges()).toHaveCount(0);

  expect((await flowFromApi(request, flow.id)).graph.edges).toEqual([]);
});

test("An invalid config shows its message, is not saved, and saves once fixed", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Fix me", graph: graph() });
  await designer.open(flow);
  await designer.select("Topic orders");
  const partitions = designer.field("Partitions");
  await partitions.fill("0");
  await expect(designer.properties.getByText("must be at least 1", { exact: true })).toBeVisible();
  await expect(partitions).toHaveAttribute("aria-invalid", "true");
  await expect(designer.saveStatus).toHaveText("Not saved — fix 1 problem");
  await expect(designer.node("Topic orders")).toContainText("error");

  const name = designer.field("Topic name");
  await name.fill("Orders Topic");
  await expect(
    designer.properties.getByText(
      "topic name 'Orders Topic' may use lowercase letters, digits and . _ - only: try 'orders-topic'",
      { exact: true },
    ),
  ).toBeVisible();
  await expect(designer.saveStatus).toHaveText("Not saved — fix 2 problems");

  // the server still holds the last valid version
  const stored = await flowFromApi(request, flow.id);
  expect(stored.version).toBe(flow.version);
  const storedTopic = stored.graph.nodes.find((n) => n.id === "t");
  expect(storedTopic?.kind === "topic" && storedTopic.config).toEqual(NODE_KIND_SPECS.topic.defaults());

  // the local edits survive a look at the problems list, and fixing them saves
  await designer.saveStatus.click();
  await expect(page.getByRole("list", { name: "Problems" }).getByRole("button")).toHaveCount(2);
  await page.getByRole("list", { name: "Problems" }).getByRole("button").first().click();
  await expect(partitions).toHaveValue("0");
  await partitions.fill("6");
  await name.fill("orders-topic");
  await designer.expectSaved();
  const fixed = (await flowFromApi(request, flow.id)).graph.nodes.find((n) => n.id === "t");
  expect(fixed?.kind === "topic" && fixed.config.partitions).toBe(6);
  expect(fixed?.kind === "topic" && fixed.config.name).toBe("orders-topic");
});

test("A topic's schema is checked as it is typed: one RE2 cannot run is a problem, and a producer's sample that breaks one is named", async ({
  designer,
  request,
}) => {
  // No topic has a schema when the flow opens: the schema checker is fetched when one is typed.
  const flow = await createFlowViaApi(request, {
    name: "Schema checks",
    graph: { ...graph(), edges: [{ id: "e1", kind: "publishes", source: "p", target: "t" }] },
  });
  await designer.open(flow);
  await designer.select("Topic orders");
  const schema = designer.field("Event schema (JSON Schema)");
  await schema.fill(
    '{ "type": "object", "properties": { "id": { "type": "string", "pattern": "(?<=a)b" } } }',
  );
  await expect(
    designer.node("Topic orders").getByRole("img", {
      name: /^Error: orders: Event schema \(JSON Schema\) has a pattern at \/properties\/id that RE2 cannot run/,
    }),
  ).toBeVisible();
  await expect(designer.saveStatus).toHaveText("Not saved — fix 1 problem");

  await schema.fill('{ "type": "object", "required": ["refund"] }');
  await designer.expectSaved();
  // Opened again, with a topic that has a schema from the start.
  await designer.open(flow);
  await designer.select("Producer order.placed");
  await expect(
    designer.properties.getByRole("status").filter({ hasText: "This sample breaks the schema" }),
  ).toHaveText(
    "This sample breaks the schema of topic 'orders': (data) Instance does not have required property \"refund\".",
  );
});
