import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { LiveDesignerPage } from "../live/live-designer-page";
import { expect, test } from "../pages/fixtures";
import type { Page } from "@playwright/test";

const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

/** Presses Tab until the focused element has this accessible name (or gives up after `max`). */
async function tabTo(page: Page, name: string | RegExp, max = 150) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const label = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el?.getAttribute("aria-label") ?? el?.textContent?.trim() ?? "";
    });
    if (typeof name === "string" ? label === name : name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

test("Keyboard only: build producer → topic → consumer, connect with 'Connect to…', and deploy", async ({
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Keys only" });
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  // Keys go to the designer once the shared flow has arrived (it re-renders the canvas when it does).
  await designer.expectSaved();

  for (const kind of ["Producer", "Topic", "Consumer"]) {
    await tabTo(page, `Add ${kind}`);
    await page.keyboard.press("Enter");
  }
  await expect(designer.nodes()).toHaveCount(3);

  // From the producer: the dialog offers the topic and says why not the consumer.
  await tabTo(page, "Producer order.placed");
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "Connect Producer order.placed to…" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: /^Consumer payments/ })).toBeDisabled();
  await expect(
    dialog.getByText("A producer cannot connect to a consumer: connect it to a topic"),
  ).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Topic orders" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toHaveCount(0);
  await expect(designer.edge("order.placed publishes orders")).toHaveCount(1);

  await tabTo(page, "Topic orders");
  await page.keyboard.press("c");
  const fromTopic = page.getByRole("dialog", { name: "Connect Topic orders to…" });
  await expect(fromTopic.getByRole("button", { name: "Consumer payments" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(designer.edge("orders subscribes payments")).toHaveCount(1);

  // Tab follows the flow: a node, then its outgoing connection.
  await tabTo(page, "Producer order.placed");
  await page.keyboard.press("Tab");
  await expect(designer.edge("order.placed publishes orders")).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(designer.node("Topic orders")).toBeFocused();

  await tabTo(page, "Deploy");
  await page.keyboard.press("Enter");
  await expect(designer.banner.getByText(/^Running v\d+$/)).toBeVisible({ timeout: 15_000 });
  await expect(designer.bodyRows.first()).toBeVisible({ timeout: 10_000 });
  const saved = await flowFromApi(request, flow.id);
  expect(saved.graph.edges.map((e) => e.kind).sort()).toEqual(["publishes", "subscribes"]);
  expect(saved.issues).toEqual([]);
});

test("The '?' sheet lists Connect to… and the arrow-key moves; the rename control says what it does", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Sheet" });
  await designer.open(flow);
  await designer.expectSaved();
  await page.keyboard.press("?");
  const sheet = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(sheet.getByRole("row", { name: /^C Connect the focused node to…/ })).toBeVisible();
  await expect(sheet.getByRole("row", { name: /^Arrow keys Move the selected nodes/ })).toBeVisible();
  await page.keyboard.press("Escape");
  const rename = page.getByRole("banner").getByRole("button", { name: "Rename flow" });
  await rename.focus();
  await page.keyboard.press("Enter");
  await page.getByRole("textbox", { name: "Flow name" }).fill("Renamed by keys");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Renamed by keys", level: 1 })).toBeVisible();
});
