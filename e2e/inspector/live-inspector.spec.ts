import { expect, test } from "../pages/fixtures";
import { createFlow, ecommerceGraph, InspectorPage } from "./live-page";

const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("Deploy streams deliveries into the inspector, and a reload mid-run is back at once", async ({
  page,
  request,
}) => {
  const flow = await createFlow(request, "Live shop", ecommerceGraph());
  stops.push(flow.id);
  const inspector = new InspectorPage(page);
  await inspector.open(flow);
  await inspector.deploy();
  await expect(inspector.bodyRows.first()).toBeVisible({ timeout: 5_000 });
  await expect.poll(() => inspector.rowCount()).toBeGreaterThan(20);
  await expect(inspector.bodyRows.filter({ hasText: "acked" }).first()).toBeVisible();

  await page.reload();
  await expect(inspector.region.getByText(/^Running v1$/)).toBeVisible({ timeout: 3_000 });
  await expect.poll(() => inspector.rowCount(), { timeout: 3_000 }).toBeGreaterThan(20);

  await inspector.region.getByRole("tab", { name: "Dashboard" }).click();
  await expect(inspector.region.getByRole("tabpanel")).toBeVisible();
  await expect(inspector.region.getByRole("img", { name: "Throughput of Order service" })).toBeVisible();
  await expect.poll(() => inspector.dashboardFigure("Order service", "Throughput")).toBeGreaterThan(0);
});

test("A consumer taken offline builds lag, and back online drains it to zero", async ({ page, request }) => {
  const fast = { processingMs: { min: 1, max: 5 }, failureRatePct: 0 };
  const flow = await createFlow(request, "Lagging email", ecommerceGraph({ email: fast }));
  stops.push(flow.id);
  const inspector = new InspectorPage(page);
  await inspector.open(flow);
  await inspector.deploy();
  await inspector.region.getByRole("tab", { name: "Dashboard" }).click();
  await page.getByRole("button", { name: "Take Email offline" }).click();
  await expect.poll(() => inspector.dashboardFigure("Email", "Lag"), { timeout: 10_000 }).toBeGreaterThan(20);
  await page.getByRole("button", { name: "Bring Email online" }).click();
  await expect
    .poll(() => inspector.dashboardFigure("Email", "Lag"), { timeout: 15_000 })
    .toBeLessThanOrEqual(1);
});

test("Failing deliveries show retries then dead-letters, and a row's trace shows the chain", async ({
  page,
  request,
}) => {
  const failing = {
    failureRatePct: 100,
    processingMs: { min: 1, max: 5 },
    retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 50, maxDelayMs: 50 },
  };
  const flow = await createFlow(request, "Failing email", ecommerceGraph({ email: failing }));
  stops.push(flow.id);
  const inspector = new InspectorPage(page);
  await inspector.open(flow);
  await inspector.deploy();

  await inspector.region.getByRole("combobox", { name: "Consumer group" }).selectOption("email");
  await inspector.region.getByRole("combobox", { name: "Outcome" }).selectOption("retry-scheduled");
  await expect(inspector.bodyRows.filter({ hasText: "retry" }).first()).toBeVisible({ timeout: 10_000 });
  await inspector.region.getByRole("combobox", { name: "Outcome" }).selectOption("dead-lettered");
  const deadLettered = inspector.bodyRows.filter({ hasText: "dead-lettered" }).first();
  await expect(deadLettered).toBeVisible({ timeout: 10_000 });

  await deadLettered.click();
  const detail = inspector.region.getByRole("region", { name: "Event detail" });
  await expect(detail.getByText('"order.placed"').first()).toBeVisible();
  const trace = detail.getByRole("list", { name: "Causal trace" });
  for (const step of ["published", "delivered", "failed", "retry", "dead-lettered"])
    await expect(trace.getByText(new RegExp(`${step}$`)).first()).toBeVisible();
  await detail.getByRole("button", { name: "Close event detail" }).click();

  await inspector.region.getByRole("tab", { name: "Dashboard" }).click();
  const first = await inspector.dashboardFigure("Failed emails", "Throughput");
  await expect.poll(() => inspector.dashboardFigure("Failed emails", "Throughput")).toBeGreaterThan(0);
  expect(first).toBeGreaterThanOrEqual(0);
});

test("Pause holds arriving rows with a count; Resume shows them; a node filter narrows the table", async ({
  page,
  request,
}) => {
  const flow = await createFlow(request, "Paused shop", ecommerceGraph());
  stops.push(flow.id);
  const inspector = new InspectorPage(page);
  await inspector.open(flow);
  await inspector.deploy();
  await expect.poll(() => inspector.rowCount()).toBeGreaterThan(0);

  await inspector.region.getByRole("button", { name: "Pause", exact: true }).click();
  const before = await inspector.rowCount();
  const held = inspector.region.getByRole("status").filter({ hasText: /held/ });
  await expect
    .poll(async () => Number((await held.innerText()).replace(/[^0-9]/g, "")), { timeout: 5_000 })
    .toBeGreaterThan(10);
  expect(await inspector.rowCount()).toBe(before);
  const heldCount = Number((await held.innerText()).replace(/[^0-9]/g, ""));
  await inspector.region.getByRole("button", { name: "Resume", exact: true }).click();
  await expect.poll(() => inspector.rowCount()).toBeGreaterThanOrEqual(before + heldCount);
  await expect(held).toHaveCount(0);

  await inspector.region.getByRole("combobox", { name: "Node" }).selectOption({ label: "Consumer Email" });
  await expect(inspector.bodyRows.first()).toBeVisible();
  for (const row of await inspector.bodyRows.all())
    await expect(row.getByRole("cell").nth(3)).toHaveText(/^(email)?$/);
});

test("Stop ends the run; the status says so and the stopped run's rows stay readable", async ({
  page,
  request,
}) => {
  const flow = await createFlow(request, "Stopping shop", ecommerceGraph());
  const inspector = new InspectorPage(page);
  await inspector.open(flow);
  await expect(inspector.region.getByText("Stopped", { exact: true })).toBeVisible();
  await inspector.deploy();
  await expect.poll(() => inspector.rowCount()).toBeGreaterThan(10);
  await page.getByRole("button", { name: "Stop", exact: true }).click();
  await expect(inspector.region.getByText("Stopped", { exact: true })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByRole("button", { name: "Deploy", exact: true })).toBeEnabled();
  expect(await inspector.rowCount()).toBeGreaterThan(10);
  await expect(inspector.region.getByText(/rows kept$/)).toBeVisible();
});

test("Free text finds rows by their fields and by the payloads of events already opened", async ({
  page,
  request,
}) => {
  const flow = await createFlow(request, "Searching shop", ecommerceGraph());
  stops.push(flow.id);
  const inspector = new InspectorPage(page);
  await inspector.open(flow);
  await inspector.deploy();
  await expect.poll(() => inspector.rowCount()).toBeGreaterThan(20);
  await inspector.region.getByRole("button", { name: "Pause", exact: true }).click();

  await inspector.bodyRows.filter({ hasText: "published" }).filter({ hasNotText: "reply" }).first().click();
  const detail = inspector.region.getByRole("region", { name: "Event detail" });
  const orderId = (
    await detail
      .getByText(/^"ord_/)
      .first()
      .innerText()
  ).replace(/"/g, "");
  await detail.getByRole("button", { name: "Close event detail" }).click();

  const search = inspector.region.getByRole("searchbox", { name: "Search events" });
  const all = await inspector.rowCount();
  await search.fill(orderId);
  await expect.poll(() => inspector.rowCount()).toBeLessThan(all);
  expect(await inspector.rowCount()).toBeGreaterThan(0);
  await inspector.bodyRows.filter({ hasText: "order.placed" }).first().click();
  await expect(detail.getByText(`"${orderId}"`)).toBeVisible();
  await detail.getByRole("button", { name: "Close event detail" }).click();
  await search.fill("order.placed.reply");
  await expect(inspector.bodyRows.first()).toContainText("order.placed.reply");
  await search.fill("no-such-event-anywhere");
  await expect(inspector.region.getByText("No deliveries match these filters.")).toBeVisible();
  await inspector.region.getByRole("button", { name: "Clear filters" }).click();
  await expect(search).toHaveValue("");
  await expect.poll(() => inspector.rowCount()).toBeGreaterThan(20);
});
