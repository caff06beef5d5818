import type { FlowGraph } from "@/lib/flow";
import { NODE_KIND_SPECS } from "@/lib/flow";
import { createFlowViaApi } from "../pages/designer-page";
import { ecommerceGraph } from "../inspector/live-page";
import { expect, test } from "../pages/fixtures";

const twoNodes = (): FlowGraph => ({
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: NODE_KIND_SPECS.producer.defaults() },
    // far apart: the palette's click path adds nodes in the middle, between these two
    { id: "t", kind: "topic", position: { x: 720, y: 0 }, config: NODE_KIND_SPECS.topic.defaults() },
  ],
  edges: [],
});

test("Undo and redo add, connect, delete, move and a config change", async ({ designer, page, request }) => {
  await designer.open(await createFlowViaApi(request, { name: "Undo me", graph: twoNodes() }));
  const undo = page.getByRole("button", { name: "Undo", exact: true });
  const redo = page.getByRole("button", { name: "Redo", exact: true });
  await expect(undo).toBeDisabled();

  // add (palette click path) — undo with the button, redo with the keyboard
  await designer.palette.getByRole("button", { name: "Add Consumer" }).click();
  await expect(designer.node("Consumer payments")).toBeVisible();
  await undo.click();
  await expect(designer.node("Consumer payments")).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+Shift+Z");
  await expect(designer.node("Consumer payments")).toBeVisible();

  // connect
  await designer.connect("Producer order.placed", "Topic orders");
  await expect(designer.edge("order.placed publishes orders")).toHaveCount(1);
  await page.keyboard.press("ControlOrMeta+Z");
  await expect(designer.edges()).toHaveCount(0);
  await redo.click();
  await expect(designer.edge("order.placed publishes orders")).toHaveCount(1);

  // move: one drag is one step, and undo puts the node back exactly
  const topic = designer.node("Topic orders");
  const before = await topic.boundingBox();
  await topic.getByText("orders", { exact: true }).hover();
  await page.mouse.down();
  await page.mouse.move(before!.x + 60, before!.y + 180, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await topic.boundingBox())!.y).toBeGreaterThan(before!.y + 100);
  await undo.click();
  await expect.poll(async () => await topic.boundingBox()).toEqual(before);
  await redo.click();
  await expect.poll(async () => (await topic.boundingBox())!.y).toBeGreaterThan(before!.y + 100);

  // delete with the key: the node and its edge go, undo brings both back
  await designer.select("Topic orders");
  await page.keyboard.press("Delete");
  await expect(designer.node("Topic orders")).toHaveCount(0);
  await expect(designer.edges()).toHaveCount(0);
  await page.keyboard.press("ControlOrMeta+Z");
  await expect(designer.node("Topic orders")).toBeVisible();
  await expect(designer.edge("order.placed publishes orders")).toHaveCount(1);

  // config change: typing "50" is one step
  await designer.select("Producer order.placed");
  const rate = designer.field("Rate (events per second)");
  await rate.fill("");
  await rate.pressSequentially("50");
  await expect(designer.node("Producer order.placed")).toContainText("50/s");
  await undo.click();
  await expect(rate).toHaveValue("5");
  await expect(designer.node("Producer order.placed")).toContainText("5/s");
  await redo.click();
  await expect(rate).toHaveValue("50");
  await designer.expectSaved();
});

test("Copy and paste nodes with the edges between them; duplicate from the panel", async ({
  designer,
  page,
  request,
}) => {
  await designer.open(await createFlowViaApi(request, { name: "Copy me", graph: twoNodes() }));
  await designer.connect("Producer order.placed", "Topic orders");
  await designer.node("Producer order.placed").click();
  await designer.node("Topic orders").click({ modifiers: ["Shift"] });
  await expect(designer.properties.getByRole("heading", { level: 2 })).toHaveText(
    "2 nodes, 0 connections selected",
  );
  await page.keyboard.press("ControlOrMeta+C");
  await page.keyboard.press("ControlOrMeta+V");
  await expect(designer.nodes()).toHaveCount(4);
  // the copy's topic gets a name of its own: two topics may not share one
  await expect(designer.node("Topic orders-2")).toBeVisible();
  await expect(designer.edge("order.placed publishes orders-2")).toHaveCount(1);
  await expect(designer.edges()).toHaveCount(2);

  await page.keyboard.press("Escape");
  await designer.select("Topic orders-2");
  await designer.properties.getByRole("button", { name: "Duplicate" }).click();
  await expect(designer.node("Topic orders-3")).toBeVisible();
  await expect(designer.nodes()).toHaveCount(5);
  await designer.expectSaved();
});

test("Zoomed far out, nodes are plain cards that keep their names; zoomed in again, their text is back", async ({
  designer,
  request,
}) => {
  await designer.open(await createFlowViaApi(request, { name: "Far and near", graph: twoNodes() }));
  const topic = designer.node("Topic orders");
  const title = topic.getByText("orders", { exact: true });
  await expect(title).toBeVisible();
  await designer.zoom("Out", 10);
  await expect(title).toBeHidden();
  await expect(topic).toBeVisible();
  await designer.zoom("In", 10);
  await expect(title).toBeVisible();
});

test("Edge labels show zoomed in and go zoomed far out, where they could not be read", async ({
  designer,
  request,
}) => {
  await designer.open(await createFlowViaApi(request, { name: "Labels", graph: ecommerceGraph() }));
  const replies = designer.canvas.getByText("↩ replies", { exact: true });
  const deadLetters = designer.canvas.getByText("dead-letters", { exact: true });
  await designer.zoom("In", 3);
  await expect(replies).toBeVisible();
  await expect(deadLetters).toBeVisible();
  await designer.zoom("Out", 12);
  await expect(replies).toHaveCount(0);
  await expect(deadLetters).toHaveCount(0);
  await designer.zoom("In", 12);
  await expect(replies).toBeVisible();
});

test("The minimap shows while part of the flow is out of view, and goes when it all fits again", async ({
  designer,
  page,
  request,
}) => {
  await designer.open(await createFlowViaApi(request, { name: "Map", graph: ecommerceGraph() }));
  const minimap = page.getByRole("img", { name: "Minimap" });
  await expect(designer.node("Topic orders")).toBeVisible();
  await expect(minimap).toHaveCount(0);
  await designer.zoom("In", 3);
  await expect(minimap).toBeVisible();
  await page.getByRole("button", { name: "Fit View" }).click();
  await expect(minimap).toHaveCount(0);
});
