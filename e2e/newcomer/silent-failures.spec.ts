import { NODE_KIND_SPECS, SCHEMA_VERSION, type FlowGraph } from "@/lib/flow";
import { createEcommerceFlow, LiveDesignerPage } from "../live/live-designer-page";
import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

const at = (x: number, y: number) => ({ x, y });
const pipeline = (): FlowGraph => ({
  schemaVersion: SCHEMA_VERSION,
  nodes: [
    { id: "p", kind: "producer", position: at(0, 0), config: NODE_KIND_SPECS.producer.defaults() },
    { id: "t", kind: "topic", position: at(320, 0), config: NODE_KIND_SPECS.topic.defaults() },
    { id: "c", kind: "consumer", position: at(640, 0), config: NODE_KIND_SPECS.consumer.defaults() },
  ],
  edges: [
    { id: "e1", kind: "publishes", source: "p", target: "t" },
    { id: "e2", kind: "subscribes", source: "t", target: "c" },
  ],
});

test("A payload template that cannot render is a problem: not saved, not deployed, said in the panel", async ({
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Broken template", graph: pipeline() });
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.select("Producer order.placed");
  await designer.field("Payload template").fill('{"order": "{{orderNumber}}"}');
  await expect(designer.saveStatus).toHaveText("Not saved — fix 1 problem");
  await expect(
    designer.properties
      .getByRole("list", { name: "Problems here" })
      .getByText(/cannot make events: unknown placeholder \{\{orderNumber\}\}/),
  ).toBeVisible();
  await expect(designer.node("Producer order.placed")).toContainText("error");
  await designer.banner.getByRole("button", { name: "Deploy" }).click();
  await expect(page.getByText(/^Not deployed: the flow has 1 problem/)).toBeVisible();
  await expect(designer.banner.getByText("Stopped", { exact: true })).toBeVisible();
  expect((await flowFromApi(request, flow.id)).version).toBe(flow.version);
});

test("Flows that cannot do anything warn with a fix, deploy anyway, and the inspector says why nothing arrives", async ({
  page,
  request,
}) => {
  const graph = pipeline();
  graph.edges = [{ id: "e2", kind: "subscribes", source: "t", target: "c" }];
  const flow = await createFlowViaApi(request, { name: "Idle flow", graph });
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  const warnings = designer.properties.getByRole("list", { name: "Warnings" });
  await expect(warnings.getByRole("listitem")).toHaveText([
    "Warning producer 'order.placed' publishes to no topic: connect it to a topic",
    "Warning topic 'orders' gets no events, nothing publishes to it: connect a producer to it",
  ]);
  await expect(designer.properties.getByText("No problems found")).toHaveCount(0);
  await designer.deploy();
  await expect(
    designer.inspector.getByText(
      "Nothing arrives: No producer is connected to a topic, so no event is published. Connect order.placed to a topic.",
    ),
  ).toBeVisible({ timeout: 10_000 });
});

test("An empty flow warns that it is empty", async ({ designer, request }) => {
  const flow = await createFlowViaApi(request, { name: "Nothing yet" });
  await designer.open(flow);
  await expect(designer.properties.getByRole("list", { name: "Warnings" })).toHaveText(
    "Warning the flow is empty: drag a Producer, a Topic and a Consumer onto the canvas and connect them",
  );
});

test("A failed delivery says why in its row and in the event detail", async ({ page, request }) => {
  const flow = await createEcommerceFlow(request, "Failing shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.deploy();
  await designer.inspector.getByRole("combobox", { name: "Outcome" }).selectOption("failed");
  const row = designer.bodyRows.first();
  await expect(row).toBeVisible({ timeout: 15_000 });
  await expect(row.getByRole("cell").nth(5)).toHaveText(/^✕?\s*failed\s*failure-rate$/);
  await row.click();
  await expect(designer.inspector.getByText("failure-rate", { exact: true }).last()).toBeVisible();
});
