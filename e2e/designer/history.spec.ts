import type { FlowGraph } from "@/lib/flow";
import { NODE_KIND_SPECS, SCHEMA_VERSION } from "@/lib/flow";
import { LiveDesignerPage } from "../live/live-designer-page";
import { createFlowViaApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const graph = (): FlowGraph => ({
  schemaVersion: SCHEMA_VERSION,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: NODE_KIND_SPECS.producer.defaults() },
    { id: "t", kind: "topic", position: { x: 360, y: 0 }, config: NODE_KIND_SPECS.topic.defaults() },
  ],
  edges: [{ id: "pub", kind: "publishes", source: "p", target: "t" }],
});

const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("History: each version says what changed and who edited, marks the deployed one, and can be named", async ({
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "History", graph: graph() });
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await page.getByLabel("Your name for others on this flow").fill("Ana Lima");
  await page.getByRole("button", { name: "Save name" }).click();
  await designer.expectSaved();

  // A stretch of editing: a setting changed and a consumer added, closed by the deploy.
  await designer.select("Topic orders");
  await designer.field("Partitions").fill("8");
  await designer.dragFromPalette("Consumer", { x: 900, y: 300 });
  await designer.expectSaved();
  await designer.deploy();

  await designer.menu("History");
  const dialog = page.getByRole("dialog", { name: "Version history" });
  const versions = dialog.getByRole("list", { name: "Versions" });
  const newest = versions.getByRole("listitem").first();
  await expect(newest.getByText("Deployed", { exact: true })).toBeVisible();
  await expect(newest.getByText("Current", { exact: true })).toBeVisible();
  await expect(newest).toContainText("by Ana Lima");
  await expect(newest.getByRole("list", { name: "What changed" }).getByRole("listitem")).toHaveText([
    "Added 1 node: payments",
    "Changed 1 node: orders",
  ]);
  const first = versions.getByRole("listitem", { name: "Version 1" });
  await expect(first.getByRole("list", { name: "What changed" })).toHaveText(
    "The first version kept: nothing earlier to compare with",
  );
  await expect(first.getByRole("button", { name: "Restore version 1" })).toBeVisible();

  // Naming the flow as it is now.
  await dialog.getByLabel("Name the flow as it is now").fill("Before Black Friday");
  await dialog.getByRole("button", { name: "Name version" }).click();
  await expect(dialog.getByRole("status")).toHaveText(/^Version \d+ is named “Before Black Friday”\.$/);
  await expect(versions.getByRole("listitem").first().getByText("Before Black Friday")).toBeVisible();
  const stored = await (await request.get(`/api/flows/${flow.id}/revisions`)).json();
  expect(stored.revisions[0]).toMatchObject({ label: "Before Black Friday", editors: ["Ana Lima"] });
});
