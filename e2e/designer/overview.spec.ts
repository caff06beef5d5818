import type { FlowGraph, FlowNode } from "@/lib/flow";
import { NODE_KIND_SPECS } from "@/lib/flow";
import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

/** 240 labelled producers in a grid, each publishing to one of 10 topics. */
function bigGraph(): FlowGraph {
  const nodes: FlowNode[] = [];
  const edges: FlowGraph["edges"] = [];
  for (let t = 0; t < 10; t++)
    nodes.push({
      id: `t${t}`,
      kind: "topic",
      label: `topic ${t}`,
      position: { x: 3200, y: t * 320 },
      config: { ...NODE_KIND_SPECS.topic.defaults(), name: `topic-${t}` },
    });
  for (let i = 0; i < 240; i++) {
    nodes.push({
      id: `p${i}`,
      kind: "producer",
      label: `source ${i}`,
      position: { x: (i % 12) * 256, y: Math.floor(i / 12) * 160 },
      config: NODE_KIND_SPECS.producer.defaults(),
    });
    edges.push({ id: `e${i}`, kind: "publishes", source: `p${i}`, target: `t${i % 10}` });
  }
  return { schemaVersion: 2, nodes, edges };
}

test("A big flow zoomed far out is an overview whose nodes select, drag and move by key, with a minimap; zoomed in, the cards are back", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Big", graph: bigGraph() });
  await designer.open(flow);
  // Fitted in view, 250 nodes are far too small for their text: the overview draws them.
  const overview = designer.canvas.getByRole("group", { name: "Flow overview" });
  await expect(overview).toBeVisible();
  // React Flow's own cards are unseen under it: each node is there once for a person.
  await expect(designer.node("Producer source 7")).toHaveCount(1);

  await designer.select("Producer source 7");
  // Tab goes through the flow's order, as on the cards: a node, its connections, the next node.
  await designer.node("Producer source 0").focus();
  await page.keyboard.press("Tab");
  await expect(designer.edge("source 0 publishes topic 0")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(designer.node("Producer source 12")).toBeFocused();

  // A line in the overview is often under cards: a person reaches it with the keyboard too.
  await designer.edge("source 3 publishes topic 3").focus();
  await page.keyboard.press("Enter");
  await expect(designer.properties.getByRole("heading", { level: 2 })).toHaveText("Connection: publishes");

  // Shift-drag a box around two nodes: they and their connections are selected.
  const first = (await designer.node("Producer source 12").boundingBox())!;
  const second = (await designer.node("Producer source 13").boundingBox())!;
  await page.keyboard.down("Shift");
  await page.mouse.move(first.x - 4, first.y - 4);
  await page.mouse.down();
  await page.mouse.move(second.x + second.width + 4, second.y + second.height + 4, { steps: 6 });
  await page.mouse.up();
  await page.keyboard.up("Shift");
  await expect(designer.properties.getByRole("heading", { level: 2 })).toHaveText(
    "2 nodes, 2 connections selected",
  );

  // A drag moves the node by the pointer's travel at this zoom, onto the grid.
  const zoom = await page
    .locator(".react-flow__viewport")
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
  const box = (await designer.node("Producer source 7").boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + box.height / 2 + 20, { steps: 5 });
  await page.mouse.up();
  const expected = { x: Math.round((7 * 256 + 40 / zoom) / 16) * 16, y: Math.round(20 / zoom / 16) * 16 };
  await designer.expectSaved();
  await expect
    .poll(async () => (await flowFromApi(request, flow.id)).graph.nodes.find((n) => n.id === "p7")?.position)
    .toEqual(expected);
  await expect(designer.properties.getByRole("heading", { level: 2 })).toContainText("source 7");
  // The arrow keys move the focused, selected node a grid step (Shift: four), as on the cards.
  await designer.node("Producer source 7").focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Shift+ArrowDown");
  const stepped = { x: expected.x + 16, y: expected.y + 64 };
  await expect(
    designer.canvas.getByText(`Moved selected node down. New position, x: ${stepped.x}, y: ${stepped.y}`),
  ).toBeAttached();
  await designer.expectSaved();
  await expect
    .poll(async () => (await flowFromApi(request, flow.id)).graph.nodes.find((n) => n.id === "p7")?.position)
    .toEqual(stepped);
  // A click on the empty canvas clears the selection.
  const canvas = (await designer.canvas.boundingBox())!;
  await page.mouse.click(canvas.x + 24, canvas.y + canvas.height / 2);
  await expect(designer.properties.getByRole("heading", { level: 2 })).toHaveText("Flow problems");

  // Zoomed in a little, part of the flow is out of view: the overview brings its minimap, and a
  // press on it centres the view there.
  const inCanvas = async (name: string) => {
    const node = (await designer.node(name).boundingBox())!;
    const area = (await designer.canvas.boundingBox())!;
    return (
      node.x >= area.x &&
      node.y >= area.y &&
      node.x + node.width <= area.x + area.width &&
      node.y + node.height <= area.y + area.height
    );
  };
  await designer.zoom("In", 2);
  await expect(overview).toBeVisible();
  const minimap = designer.canvas.getByRole("img", { name: "Minimap" });
  await expect(minimap).toBeVisible();
  expect(await inCanvas("Producer source 0")).toBe(false);
  const map = (await minimap.boundingBox())!;
  await page.mouse.click(map.x + 2, map.y + 2);
  await expect.poll(() => inCanvas("Producer source 0")).toBe(true);

  await designer.zoom("In", 6);
  await expect(overview).toHaveCount(0);
  await expect(designer.nodes().first()).toBeVisible();
});
