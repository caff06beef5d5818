import type { Browser } from "@playwright/test";
import type { FlowGraph } from "@/lib/flow";
import { NODE_KIND_SPECS, SCHEMA_VERSION } from "@/lib/flow";
import { createFlowViaApi, flowFromApi, DesignerPage } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const graph = (): FlowGraph => ({
  schemaVersion: SCHEMA_VERSION,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: NODE_KIND_SPECS.producer.defaults() },
    { id: "t", kind: "topic", position: { x: 360, y: 0 }, config: NODE_KIND_SPECS.topic.defaults() },
  ],
  edges: [{ id: "pub", kind: "publishes", source: "p", target: "t" }],
});

async function person(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  return new DesignerPage(await context.newPage());
}
const transformOf = (designer: DesignerPage, name: string) =>
  designer.node(name).evaluate((el) => (el.closest(".react-flow__node") as HTMLElement).style.transform);

test("Two people edit one flow at once: adds, moves, connections and settings converge, and a reload shows the same", async ({
  browser,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Together", graph: graph() });
  const [alice, bob] = [await person(browser), await person(browser)];
  await alice.open(flow);
  await bob.open(flow);
  await alice.expectSaved();
  await bob.expectSaved();

  // At the same time: Alice configures the producer and adds a consumer, Bob configures the topic.
  await alice.select("Producer order.placed");
  await bob.select("Topic orders");
  await alice.field("Rate (events per second)").fill("40");
  await bob.field("Partitions").fill("8");
  await alice.dragFromPalette("Consumer", { x: 900, y: 300 });
  await expect(bob.nodes()).toHaveCount(3);
  await expect(bob.field("Partitions")).toHaveValue("8");

  // Bob connects the topic to Alice's consumer; Alice sees the edge.
  await bob.connect("Topic orders", "Consumer payments");
  await expect(alice.edges()).toHaveCount(2);

  // Bob moves the producer; Alice's canvas shows it where Bob put it.
  const box = (await bob.node("Producer order.placed").boundingBox())!;
  await bob.page.mouse.move(box.x + 20, box.y + 10);
  await bob.page.mouse.down();
  await bob.page.mouse.move(box.x + 20, box.y + 210, { steps: 8 });
  await bob.page.mouse.up();
  await expect
    .poll(() => transformOf(alice, "Producer order.placed"))
    .toBe(await transformOf(bob, "Producer order.placed"));

  await alice.expectSaved();
  await bob.expectSaved();
  await alice.select("Topic orders");
  await expect(alice.field("Partitions")).toHaveValue("8");
  await bob.select("Producer order.placed");
  await expect(bob.field("Rate (events per second)")).toHaveValue("40");

  // The server saved what both see, and a reload shows exactly that.
  const stored = await flowFromApi(request, flow.id);
  expect(stored.graph.nodes.map((n) => n.kind)).toEqual(["producer", "topic", "consumer"]);
  expect(stored.graph.edges.map((e) => e.kind)).toEqual(["publishes", "subscribes"]);
  const producer = stored.graph.nodes[0];
  expect(producer.kind === "producer" && producer.config.ratePerSec).toBe(40);
  expect(producer.position.y).toBeGreaterThan(100);
  const topic = stored.graph.nodes[1];
  expect(topic.kind === "topic" && topic.config.partitions).toBe(8);
  const moved = await transformOf(alice, "Producer order.placed");
  await alice.page.reload();
  await expect(alice.nodes()).toHaveCount(3);
  await expect(alice.edges()).toHaveCount(2);
  expect(await transformOf(alice, "Producer order.placed")).toBe(moved);

  await alice.page.context().close();
  await bob.page.context().close();
});

test("Undo takes back only your own change, never the other person's", async ({ browser, request }) => {
  const flow = await createFlowViaApi(request, { name: "Undo apart", graph: graph() });
  const [alice, bob] = [await person(browser), await person(browser)];
  await alice.open(flow);
  await bob.open(flow);
  await alice.expectSaved();
  await bob.expectSaved();
  await alice.select("Producer order.placed");
  await alice.field("Rate (events per second)").fill("40");
  await bob.select("Topic orders");
  await bob.field("Partitions").fill("8");
  await expect(alice.page.getByRole("button", { name: "Undo", exact: true })).toBeEnabled();
  await bob.select("Producer order.placed");
  await expect(bob.field("Rate (events per second)")).toHaveValue("40");

  await alice.page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(alice.field("Rate (events per second)")).toHaveValue("5");
  await expect(bob.field("Rate (events per second)")).toHaveValue("5");
  await alice.select("Topic orders");
  await expect(alice.field("Partitions")).toHaveValue("8");
  await alice.expectSaved();
  await bob.expectSaved();
  const stored = await flowFromApi(request, flow.id);
  const [producer, topic] = stored.graph.nodes;
  expect(producer.kind === "producer" && producer.config.ratePerSec).toBe(5);
  expect(topic.kind === "topic" && topic.config.partitions).toBe(8);

  await alice.page.context().close();
  await bob.page.context().close();
});

test("Edits made offline merge when the connection comes back", async ({ browser, request }) => {
  const flow = await createFlowViaApi(request, { name: "Offline", graph: graph() });
  const [alice, bob] = [await person(browser), await person(browser)];
  await alice.open(flow);
  await bob.open(flow);
  await alice.expectSaved();
  await bob.expectSaved();

  await bob.page.context().setOffline(true);
  await bob.select("Topic orders");
  await bob.field("Partitions").fill("12");
  await expect(bob.saveStatus).toHaveText("Offline: changes will sync");
  await alice.select("Producer order.placed");
  await alice.field("Rate (events per second)").fill("25");
  await alice.expectSaved();

  await bob.page.context().setOffline(false);
  await bob.expectSaved();
  await alice.select("Topic orders");
  await expect(alice.field("Partitions")).toHaveValue("12");
  await bob.select("Producer order.placed");
  await expect(bob.field("Rate (events per second)")).toHaveValue("25");
  const [producer, topic] = (await flowFromApi(request, flow.id)).graph.nodes;
  expect(producer.kind === "producer" && producer.config.ratePerSec).toBe(25);
  expect(topic.kind === "topic" && topic.config.partitions).toBe(12);

  await alice.page.context().close();
  await bob.page.context().close();
});

test("A properties form the connection could not bring says so, and a reload brings it", async ({
  browser,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Not fetched", graph: graph() });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // The connection fails exactly when the properties form's code is fetched.
  let away = true;
  await page.route("**/_next/static/chunks/*.js", async (route) => {
    const response = await route.fetch();
    const code = await response.text();
    if (away && code.includes("A name for the card; without one")) await route.abort("internetdisconnected");
    else await route.fulfill({ response, body: code });
  });
  const designer = new DesignerPage(page);
  await designer.open(flow);
  await designer.expectSaved();
  await designer.select("Topic orders");
  const alert = designer.properties.getByRole("alert");
  await expect(alert).toContainText(
    "The properties form could not be loaded: the connection was away when it was needed. Reload the page to load it.",
  );
  away = false;
  await alert.getByRole("button", { name: "Reload page" }).click();
  await designer.expectSaved();
  await designer.select("Topic orders");
  await expect(designer.field("Partitions")).toHaveValue("3");
  await context.close();
});

test("Presence: a name asked once, avatars, pointers, selections and who is editing a node", async ({
  browser,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Who is here", graph: graph() });
  const [alice, bob] = [await person(browser), await person(browser)];
  await alice.open(flow);
  await alice.page.getByLabel("Your name for others on this flow").fill("Ana Lima");
  await alice.page.getByRole("button", { name: "Save name" }).click();
  await expect(
    alice.page.getByRole("button", { name: "You appear as Ana Lima: change your name" }),
  ).toBeVisible();
  await bob.open(flow);
  await bob.page.getByLabel("Your name for others on this flow").fill("Bob");
  await bob.page.getByRole("button", { name: "Save name" }).click();

  const bobSees = bob.page.getByRole("list", { name: "People here" });
  await expect(bobSees.getByRole("img", { name: "Ana Lima" })).toHaveText("AL");
  await expect(
    alice.page.getByRole("list", { name: "People here" }).getByRole("img", { name: "Bob" }),
  ).toHaveText("BO");

  // Ana's pointer moves on Bob's canvas, to where it is on hers (the two show the flow alike).
  const canvas = (await alice.canvas.boundingBox())!;
  await alice.page.mouse.move(canvas.x + 500, canvas.y + 500, { steps: 4 });
  const pointer = bob.canvas.getByRole("img", { name: "Ana Lima's pointer" });
  await expect(pointer).toBeVisible();
  const bobCanvas = (await bob.canvas.boundingBox())!;
  // Within a pixel: a pointer is shared in whole flow units.
  await expect
    .poll(async () => {
      const at = (await pointer.boundingBox())!;
      return Math.max(Math.abs(at.x - bobCanvas.x - 500), Math.abs(at.y - bobCanvas.y - 500));
    })
    .toBeLessThanOrEqual(1);

  // Ana selects the topic: Bob sees it outlined with her name, and her panel open on it.
  await alice.select("Topic orders");
  await expect(bob.node("Topic orders")).toContainText("Selected by Ana Lima");
  await bob.select("Topic orders");
  await expect(bob.properties.getByRole("note")).toHaveText("Ana Lima is editing this");

  // The name is remembered in this browser: a reload does not ask again.
  await alice.page.reload();
  await expect(
    alice.page.getByRole("button", { name: "You appear as Ana Lima: change your name" }),
  ).toBeVisible();
  await expect(alice.page.getByLabel("Your name for others on this flow")).toHaveCount(0);

  await alice.page.context().close();
  await bob.page.context().close();
});
