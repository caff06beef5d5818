import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { NODE_KIND_SPECS, SCHEMA_VERSION, type FlowGraph } from "@/lib/flow";
import { LiveDesignerPage } from "../live/live-designer-page";
import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const ecommerce = JSON.parse(readFileSync("examples/ecommerce-orders.json", "utf8")) as FlowGraph;

test("Nodes added from the palette get readable, unique names: in the inspector's node filter and the AsyncAPI keys", async ({
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Named nodes" });
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  for (const kind of ["Producer", "Producer", "Topic", "Consumer"])
    await designer.palette.getByRole("button", { name: `Add ${kind}` }).click();
  await expect(designer.nodes()).toHaveCount(4);
  for (const name of [
    "Producer order.placed",
    "Producer order.placed-2",
    "Topic orders",
    "Consumer payments",
  ])
    await expect(designer.node(name)).toHaveCount(1);
  // Added at free spots: no card lies on another.
  const boxes = await Promise.all((await designer.nodes().all()).map((n) => n.boundingBox()));
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      expect(
        a!.x < b!.x + b!.width &&
          b!.x < a!.x + a!.width &&
          a!.y < b!.y + b!.height &&
          b!.y < a!.y + a!.height,
      ).toBe(false);
  await designer.expectSaved();

  await designer.inspector.getByRole("button", { name: "Show events" }).click();
  const options = designer.inspector.getByRole("combobox", { name: "Node" }).getByRole("option");
  await expect(options).toHaveText([
    "All nodes",
    "Producer order.placed",
    "Producer order.placed-2",
    "Topic orders",
    "Consumer payments",
  ]);

  const download = page.waitForEvent("download");
  await page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
  await page.getByRole("menuitem", { name: "Export AsyncAPI", exact: true }).click();
  const file = await download;
  const text = readFileSync((await file.path())!, "utf8");
  const doc = parse(text) as { channels: Record<string, unknown> };
  expect(Object.keys(doc.channels)).toEqual(["orders"]);
  expect(text).not.toMatch(/(producer|topic|consumer)-[a-z0-9]{6}\./);
});

test("Every properties field explains itself in a sentence; the Help menu opens the guides the app serves", async ({
  designer,
  page,
  request,
  context,
}) => {
  const flow = await createFlowViaApi(request, { name: "Help me", graph: ecommerce });
  await designer.open(flow);
  await designer.select("Topic orders");
  await expect(designer.field("Partitions")).toHaveAccessibleDescription(
    /ordered logs the topic is split into/,
  );
  await expect(designer.field("Max age (ms, 0 keeps all)")).toHaveAccessibleDescription(/0 keeps them/);
  await designer.select("Consumer Email");
  await expect(designer.field("Concurrency (workers)")).toHaveAccessibleDescription(/workers of this group/);
  await expect(designer.field("Backoff")).toHaveAccessibleDescription(/fixed keeps it the same/);
  await designer.select("Producer Order service");
  const template = designer.field("Payload template");
  await expect(template).toHaveAccessibleDescription(/JSON body of each event/);
  // A long line scrolls sideways instead of wrapping.
  await template.fill(`{"note": "${"x".repeat(300)}"}`);
  await expect(template).toHaveAttribute("wrap", "off");
  expect(await template.evaluate((t) => t.scrollWidth > t.clientWidth)).toBe(true);

  await designer.edge("orders subscribes Email").focus();
  await page.keyboard.press("Enter");
  const filter = designer.field("Filter pattern (JSON, empty = every event)");
  await expect(filter).toHaveAccessibleDescription(/Only events that match the pattern/);
  const before = (await filter.boundingBox())!.height;
  await filter.fill(JSON.stringify({ data: { a: [1], b: [2], c: [3], d: [4], e: [5], f: [6] } }, null, 2));
  expect((await filter.boundingBox())!.height).toBeGreaterThan(before);

  const popup = context.waitForEvent("page");
  await page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
  await page.getByRole("menuitem", { name: "Help" }).click();
  const help = await popup;
  await expect(help.getByRole("heading", { name: "Eventloom help", level: 1 })).toBeVisible();
  await help.getByRole("link", { name: "The designer" }).click();
  await expect(help.getByRole("heading", { level: 1 })).toHaveText("The designer (/flows/:id)");
  expect((await request.get("/docs/nothing-here")).status()).toBe(404);
});

test("A favicon is served, and every page names it", async ({ page, request }) => {
  const icon = await request.get("/favicon.ico");
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toMatch(/image/);
  await page.goto("/");
  await expect(page.locator('link[rel="icon"]').first()).toHaveAttribute("href", /(favicon\.ico|icon)/);
});

test("Importing a file that is not a flow says so in words; a flow file names the flow", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Import target" });
  await designer.open(flow);
  await designer.menu("Import");
  const dialog = page.getByRole("dialog", { name: "Import a flow" });
  await dialog.getByLabel("Flow file").setInputFiles({
    name: "package.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ name: "eventloom", version: "0.1.0" })),
  });
  await expect(dialog.getByRole("alert").getByRole("listitem")).toHaveText([
    "This file is not an Eventloom flow: it has no list of nodes and edges. To move a flow, export a flow from Eventloom (Menu → Export) and import that file.",
  ]);
  await dialog.getByLabel("Flow file").setInputFiles({
    name: "checkout-pipeline.eventloom.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(ecommerce)),
  });
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Checkout pipeline", level: 1 })).toBeVisible();
  await designer.expectSaved();
  expect((await flowFromApi(request, flow.id)).name).toBe("Checkout pipeline");
});

test("A pasted consumer keeps its group: the card and the panel say they split the work and offer a new name", async ({
  designer,
  page,
  request,
}) => {
  const graph: FlowGraph = {
    schemaVersion: SCHEMA_VERSION,
    nodes: [
      { id: "c", kind: "consumer", position: { x: 0, y: 0 }, config: NODE_KIND_SPECS.consumer.defaults() },
    ],
    edges: [],
  };
  const flow = await createFlowViaApi(request, { name: "Groups", graph });
  await designer.open(flow);
  await designer.node("Consumer payments").click();
  await page.keyboard.press("Control+c");
  await page.keyboard.press("Control+v");
  await expect(designer.nodes()).toHaveCount(2);
  await expect(designer.canvas.getByText("shares its group: splits the work")).toHaveCount(2);
  const note = designer.properties.getByRole("note");
  await expect(note).toContainText("together they split the work, each event goes to only one of them");
  await note.getByRole("button", { name: "Use a new group name (payments-2)" }).click();
  await expect(designer.node("Consumer payments-2")).toHaveCount(1);
  await expect(designer.canvas.getByText("shares its group: splits the work")).toHaveCount(0);
});

test("Long names stay inside their cards: cut with an ellipsis, shown in full on hover", async ({
  designer,
  request,
}) => {
  const topicName = `orders.${"eu-west.".repeat(9)}placed`.slice(0, 80);
  const label = `Order service for the ${"very ".repeat(20)}large shop`;
  const group = `payment-${"reconciliation-".repeat(8)}team`;
  const eventType = `shop.checkout.${"order.".repeat(12)}placed`;
  const graph = structuredClone(ecommerce);
  for (const node of graph.nodes) {
    if (node.id === "order-service" && node.kind === "producer") {
      node.label = label;
      node.config.eventType = eventType;
    }
    if (node.id === "orders" && node.kind === "topic") node.config.name = topicName;
    if (node.id === "payment" && node.kind === "consumer") node.config.group = group;
  }
  const flow = await createFlowViaApi(request, { name: "Long names", graph });
  await designer.open(flow);
  const cases = [
    { card: designer.node(`Producer ${label}`), texts: [label, eventType] },
    { card: designer.node(`Topic ${topicName}`), texts: [topicName] },
    { card: designer.node("Consumer Payment"), texts: [`group ${group}`] },
  ];
  for (const { card, texts } of cases) {
    await expect(card).toBeVisible();
    const cardBox = (await card.boundingBox())!;
    for (const text of texts) {
      // The full text is the tooltip; what shows is cut to the card's width.
      const shown = card.getByTitle(text, { exact: true });
      await expect(shown).toHaveText(text);
      const box = (await shown.boundingBox())!;
      expect(box.x, `${text} starts inside its card`).toBeGreaterThanOrEqual(cardBox.x);
      expect(box.x + box.width, `${text} ends inside its card`).toBeLessThanOrEqual(
        cardBox.x + cardBox.width,
      );
      expect(await shown.evaluate((el) => el.scrollWidth > el.clientWidth), `${text} is cut`).toBe(true);
      expect(await shown.evaluate((el) => getComputedStyle(el).textOverflow)).toBe("ellipsis");
    }
  }
});
