import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import type { FlowGraph } from "@/lib/flow";
import { createFlow } from "../inspector/live-page";
import { createEcommerceFlow, LiveDesignerPage } from "../live/live-designer-page";
import { expect, test } from "../pages/fixtures";

type Box = { x: number; y: number; width: number; height: number };

const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;
const inside = (a: Box, outer: Box) =>
  a.x >= outer.x - 1 &&
  a.y >= outer.y - 1 &&
  a.x + a.width <= outer.x + outer.width + 1 &&
  a.y + a.height <= outer.y + outer.height + 1;

async function box(locator: Locator): Promise<Box> {
  const b = await locator.boundingBox();
  expect(b, `${locator} has a box`).not.toBeNull();
  return b!;
}

/** Everything in the list is whole inside the viewport, and no two of them overlap. */
async function expectWholeAndApart(page: Page, locators: Locator[]) {
  const viewport = page.viewportSize()!;
  const boxes = await Promise.all(locators.map(box));
  boxes.forEach((b, i) => {
    expect(inside(b, { x: 0, y: 0, ...viewport }), `item ${i} inside the window`).toBe(true);
    boxes
      .slice(i + 1)
      .forEach((c, j) => expect(overlap(b, c), `items ${i} and ${i + j + 1} apart`).toBe(false));
  });
}

/** The on-screen font size of the live figures (canvas zoom × CSS size), smallest first. */
async function smallestFigurePx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>(".react-flow__viewport")!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const sizes = [...document.querySelectorAll('[aria-label="Live figures"] li')].map(
      (li) => parseFloat(getComputedStyle(li).fontSize) * zoom,
    );
    return Math.min(...sizes);
  });
}

for (const [width, height] of [
  [1440, 900],
  [1280, 800],
  [390, 844],
] as const) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test("the running designer: top bar whole, nodes fitted in the canvas, minimap off them, figures legible", async ({
      page,
      request,
    }) => {
      const flow = await createEcommerceFlow(
        request,
        "Shop orders with a rather long name for small screens",
      );
      stops.push(flow.id);
      const designer = new LiveDesignerPage(page);
      await designer.open(flow);
      await designer.deploy();
      await expect(designer.bodyRows.first()).toBeVisible({ timeout: 10_000 });
      const banner = designer.banner;
      await expectWholeAndApart(page, [
        banner.getByRole("heading", { level: 1 }),
        banner.getByRole("button", { name: "Rename flow" }),
        banner.getByRole("status"),
        banner.getByRole("button", { name: "Undo", exact: true }),
        banner.getByRole("button", { name: "Stop", exact: true }),
        banner.getByRole("button", { name: "Redeploy" }),
        banner.getByRole("button", { name: "Share" }),
        banner.getByRole("button", { name: "Menu" }),
      ]);
      const canvas = await box(designer.canvas);
      expect(canvas.width).toBeGreaterThanOrEqual(width < 640 ? width - 2 : 600);
      // After the drawer opened, the flow was fitted again into the space left (on a phone at a
      // zoom that stays readable, so part of it is panned to: most cards are whole in view).
      await expect
        .poll(async () => {
          const nodes = await Promise.all((await designer.nodes().all()).map(box));
          const whole = nodes.filter((n) => inside(n, canvas)).length;
          return width < 640 ? whole >= 4 : whole === nodes.length;
        })
        .toBe(true);
      const minimap = page.getByRole("img", { name: "Minimap" });
      if (await minimap.count()) {
        const map = await box(minimap);
        for (const node of await designer.nodes().all()) expect(overlap(await box(node), map)).toBe(false);
      }
      await expect.poll(() => smallestFigurePx(page)).toBeGreaterThanOrEqual(11);
      // The inspector lies below the canvas, not over it.
      expect((await box(designer.inspector)).y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
    });

    test("the view link: canvas across the width, inspector below it, nothing cut off", async ({
      page,
      request,
    }) => {
      const flow = await createEcommerceFlow(request, "Shared shop with a long name");
      stops.push(flow.id);
      expect((await request.post(`/api/flows/${flow.id}/deploy`)).ok()).toBe(true);
      const link = await (await request.post(`/api/flows/${flow.id}/view-link`)).json();
      await page.goto(link.path);
      const designer = new LiveDesignerPage(page);
      await expect(designer.inspector.getByText(/^Running v\d+$/)).toBeVisible({ timeout: 15_000 });
      await expectWholeAndApart(page, [
        page.getByRole("heading", { level: 1 }),
        page.getByRole("banner").getByText("View only", { exact: true }),
        page.getByRole("button", { name: "Fork" }),
        page.getByRole("button", { name: "Menu" }),
      ]);
      const canvas = await box(designer.canvas);
      if (width < 640) {
        expect(canvas.width).toBeGreaterThanOrEqual(width - 2);
        await expect(designer.properties).toHaveCount(0);
      }
      expect(canvas.height).toBeGreaterThan(250);
      expect((await box(designer.inspector)).y).toBeGreaterThanOrEqual(canvas.y + canvas.height - 1);
      await expect(designer.bodyRows.first()).toBeVisible({ timeout: 10_000 });
      // The table and the columns it shows fit the width (a phone leaves out placement, attempt, latency).
      await expectWholeAndApart(page, [
        designer.table.getByRole("columnheader", { name: "Time" }),
        designer.table.getByRole("columnheader", { name: "Event type" }),
        designer.table.getByRole("columnheader", { name: "Outcome" }),
      ]);
      expect((await box(designer.table)).width).toBeLessThanOrEqual(width);
      // Tapping a node opens its properties over the canvas (a sheet on a phone), and they close again.
      await designer.node("Consumer Email").click();
      await expect(designer.properties.getByRole("heading", { level: 2 })).toContainText("Email");
      await expectWholeAndApart(page, [
        designer.properties.getByRole("button", { name: "Close properties" }),
      ]);
      await designer.properties.getByRole("button", { name: "Close properties" }).click();
      if (width < 1280) await expect(designer.properties).toHaveCount(0);
    });
  });
}

test("A consumer held up by retries keeps its card's height: no card grows over another", async ({
  page,
  request,
}) => {
  const graph = JSON.parse(
    readFileSync(new URL("../../examples/ecommerce-orders.json", import.meta.url), "utf8"),
  ) as FlowGraph;
  for (const node of graph.nodes)
    if (node.id === "email")
      Object.assign(node.config, { failureRatePct: 100, processingMs: { min: 1, max: 10 } });
  const flow = await createFlow(request, "Held up by retries", graph);
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.deploy();
  const email = designer.node("Consumer Email");
  await expect(email.getByText("retries hold up its partitions")).toBeVisible({ timeout: 20_000 });
  const nodes = await Promise.all((await designer.nodes().all()).map(box));
  nodes.forEach((a, i) =>
    nodes
      .slice(i + 1)
      .forEach((b, j) => expect(overlap(a, b), `cards ${i} and ${i + j + 1} apart`).toBe(false)),
  );
});
