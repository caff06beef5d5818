import { expect, test } from "../pages/fixtures";
import { createEcommerceFlow, LiveDesignerPage } from "../live/live-designer-page";

// Events in from outside: an ingest key made in the topic panel, an event sent over HTTP with
// it, seen in the inspector; the key revoked in the UI stops working.
const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("An ingest key created in the topic panel sends an event that the inspector shows; revoked, it is refused", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Ingest shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  // The template's producer would fill the inspector: pause it by making it manual first.
  await designer.select("Producer Order service");
  await designer.field("Emission mode").selectOption("manual");
  await designer.deploy();

  await designer.select("Topic orders");
  const ingest = designer.properties.getByRole("region", { name: "Ingest over HTTP" });
  const url = await ingest.getByRole("textbox", { name: "Ingest URL" }).inputValue();
  expect(url).toMatch(/\/ingest\/topics\/orders$/);
  expect(url).not.toContain(flow.id);
  await expect(ingest.getByLabel("curl example", { exact: true })).toContainText(
    '-H "Authorization: Bearer $INGEST_KEY"',
  );
  await ingest.getByRole("tab", { name: "Node fetch" }).click();
  await expect(ingest.getByLabel("Node fetch example", { exact: true })).toContainText("await fetch(");

  await ingest.getByRole("button", { name: "Ingest keys…" }).click();
  const dialog = page.getByRole("dialog", { name: "Ingest keys" });
  await dialog.getByLabel("New key name").fill("e2e sender");
  await dialog.getByRole("button", { name: "Create key" }).click();
  const keyField = dialog.getByRole("textbox", { name: "New ingest key e2e sender" });
  await expect(keyField).toHaveValue(/^elk_/);
  const key = await keyField.inputValue();
  const keys = dialog.getByRole("table", { name: "Ingest keys of this flow" });
  await expect(keys.getByRole("row", { name: /e2e sender/ })).toContainText(key.slice(0, 10));

  const sent = await request.post(url, {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/cloudevents+json" },
    data: JSON.stringify({
      specversion: "1.0",
      id: "from-outside-1",
      source: "/e2e",
      type: "invoice.paid",
      data: { amount: 7 },
    }),
  });
  expect(sent.status()).toBe(202);
  expect((await sent.json()).accepted[0].id).toBe("from-outside-1");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(designer.table.getByText("invoice.paid").first()).toBeVisible({ timeout: 5_000 });

  await ingest.getByRole("button", { name: "Ingest keys…" }).click();
  await dialog.getByRole("button", { name: "Revoke key e2e sender" }).click();
  await expect(dialog.getByRole("status").filter({ hasText: "revoked" })).toBeVisible();
  await expect(dialog.getByText("No ingest keys yet.")).toBeVisible();
  const refused = await request.post(url, {
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    data: JSON.stringify({ amount: 8 }),
  });
  expect(refused.status()).toBe(401);
});
