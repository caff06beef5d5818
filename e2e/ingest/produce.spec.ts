import { expect, test } from "../pages/fixtures";
import { createEcommerceFlow, LiveDesignerPage } from "../live/live-designer-page";

// Produce by hand: one event published from the topic panel, seen in the inspector, then sent
// again from its detail with "Re-produce" (a new id, its causation id the original's id).
const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("An event produced by hand from the topic panel shows in the inspector and is re-produced from its detail", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Produce shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.select("Producer Order service");
  await designer.field("Emission mode").selectOption("manual");
  await designer.deploy();

  await designer.select("Topic orders");
  const section = designer.properties.getByRole("region", { name: "Produce by hand" });
  await section.getByRole("button", { name: "Produce event into orders…" }).click();
  const dialog = page.getByRole("dialog", { name: "Produce event into orders" });
  // Prefilled with what the topic's producer would publish (its payload template).
  await expect(dialog.getByLabel("Data (JSON)")).toHaveValue(/"orderId"/);
  await dialog.getByLabel("Type", { exact: true }).fill("order.by-hand");
  await dialog.getByLabel("Partition key").fill("customer-42");
  await dialog.getByLabel(/Extension attributes/).fill("region=eu");
  await dialog.getByLabel("Data (JSON)").fill('{ "orderId": "hand-1", "total": 12.5 }');
  await dialog.getByRole("button", { name: "Publish event" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    /^Published \S+ to orders, partition \d+, offset \d+\.$/,
  );
  const firstId = (await dialog.getByRole("status").innerText()).split(" ")[1];

  // Bad JSON is named before anything is sent.
  await dialog.getByLabel("Data (JSON)").fill("{ nope");
  await dialog.getByRole("button", { name: "Publish event" }).click();
  await expect(dialog.getByRole("alert")).toContainText("The data is not valid JSON");
  await dialog.getByRole("button", { name: "Done" }).click();

  const published = designer.bodyRows.filter({ hasText: "order.by-hand" }).filter({ hasText: "published" });
  await expect(published).toHaveCount(1, { timeout: 5_000 });
  await published.click();
  const detail = designer.inspector.getByRole("region", { name: "Event detail" });
  await expect(detail.getByText(firstId).first()).toBeVisible();
  await detail.getByRole("button", { name: "Re-produce" }).click();
  const again = page.getByRole("dialog", { name: "Re-produce event into orders" });
  await expect(again.getByLabel("Type", { exact: true })).toHaveValue("order.by-hand");
  await expect(again.getByLabel("Partition key")).toHaveValue("customer-42");
  await expect(again.getByLabel(/Extension attributes/)).toHaveValue("region=eu");
  await again.getByLabel("Data (JSON)").fill('{ "orderId": "hand-1", "total": 13 }');
  await again.getByRole("button", { name: "Publish event" }).click();
  await expect(again.getByRole("status")).toHaveText(/^Published \S+ to orders/);
  const secondId = (await again.getByRole("status").innerText()).split(" ")[1];
  expect(secondId).not.toBe(firstId);
  await again.getByRole("button", { name: "Done" }).click();

  const trace = await (await request.get(`/api/flows/${flow.id}/events/${secondId}/trace`)).json();
  const event = trace.events.find((e: { id: string }) => e.id === secondId);
  expect(event).toMatchObject({
    id: secondId,
    type: "order.by-hand",
    causationid: firstId,
    partitionkey: "customer-42",
    region: "eu",
    data: { orderId: "hand-1", total: 13 },
  });
});

test("A topic's schema, set in its panel, refuses a hand-made event that breaks it and names the violation", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Schema shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.select("Producer Order service");
  await designer.field("Emission mode").selectOption("manual");
  await designer.select("Topic orders");
  await designer
    .field("Event schema (JSON Schema)")
    .fill(
      '{ "type": "object", "required": ["orderId"], "properties": { "total": { "type": "number", "minimum": 0 } } }',
    );
  await expect(designer.field("Events breaking the schema")).toBeVisible();
  await designer.deploy();

  await designer.select("Topic orders");
  await designer.properties.getByRole("button", { name: "Produce event into orders…" }).click();
  const dialog = page.getByRole("dialog", { name: "Produce event into orders" });
  // Prefilled from the schema this time.
  await expect(dialog.getByLabel("Data (JSON)")).toHaveValue('{\n  "total": 0\n}');
  await dialog.getByLabel("Data (JSON)").fill('{ "orderId": "o-1", "total": -5 }');
  await dialog.getByRole("button", { name: "Publish event" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(
    "The event's data breaks the schema of topic 'orders': /total must be >= 0",
  );
  await dialog.getByLabel("Data (JSON)").fill('{ "orderId": "o-1", "total": 5 }');
  await dialog.getByRole("button", { name: "Publish event" }).click();
  await expect(dialog.getByRole("status")).toHaveText(
    /^Published \S+ to orders, partition \d+, offset \d+\.$/,
  );
});
