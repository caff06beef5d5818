import { readFileSync } from "node:fs";
import type { FlowGraph } from "@/lib/flow";
import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const ecommerce = JSON.parse(readFileSync("examples/ecommerce-orders.json", "utf8")) as FlowGraph;

test("Export then import gives the same graph", async ({ designer, page, request }) => {
  const flow = await createFlowViaApi(request, { name: "Shop export", graph: ecommerce });
  await designer.open(flow);
  const downloading = page.waitForEvent("download");
  await designer.menu("Export");
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("shop-export.eventloom.json");
  const file = await download.path();
  const exported = JSON.parse(readFileSync(file, "utf8")) as FlowGraph;
  expect(exported).toEqual(flow.graph);

  // change the flow, then bring the exported graph back
  await designer.select("Consumer Recommendations");
  await page.keyboard.press("Delete");
  await expect(designer.nodes()).toHaveCount(8);
  await designer.expectSaved();

  await designer.menu("Import");
  const dialog = page.getByRole("dialog", { name: "Import a flow" });
  await dialog.getByLabel("Flow file").setInputFiles(file);
  await expect(dialog).toBeHidden();
  await expect(designer.nodes()).toHaveCount(9);
  await expect(designer.node("Consumer Recommendations")).toBeVisible();
  await designer.expectSaved();
  expect((await flowFromApi(request, flow.id)).graph).toEqual(exported);
});

test("Importing a malformed file shows an error and changes nothing", async ({ designer, page, request }) => {
  const flow = await createFlowViaApi(request, { name: "Shop import", graph: ecommerce });
  await designer.open(flow);
  await designer.menu("Import");
  const dialog = page.getByRole("dialog", { name: "Import a flow" });

  await dialog.getByLabel("Flow file").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from('{ "schemaVersion": 1, "nodes": ['),
  });
  await expect(dialog.getByRole("alert")).toContainText("Nothing was imported:");
  await expect(dialog.getByRole("alert")).toContainText("This is not JSON:");

  const wrongEdge = {
    ...ecommerce,
    edges: [{ id: "bad", kind: "publishes", source: "orders", target: "payment" }],
  };
  await dialog.getByLabel("Or paste flow JSON").fill(JSON.stringify(wrongEdge));
  await dialog.getByRole("button", { name: "Import pasted JSON" }).click();
  await expect(dialog.getByRole("alert").getByRole("listitem")).toHaveText([
    "edges[0].kind: 'publishes' cannot go from a topic to a consumer: use subscribes",
  ]);

  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(designer.nodes()).toHaveCount(9);
  await expect(designer.edges()).toHaveCount(8);
  await expect(page.getByRole("button", { name: "Undo", exact: true })).toBeDisabled();
  const stored = await flowFromApi(request, flow.id);
  expect(stored.version).toBe(flow.version);
  expect(stored.graph).toEqual(flow.graph);
});
