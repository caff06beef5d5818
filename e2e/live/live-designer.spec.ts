import { expect, test } from "../pages/fixtures";
import { createEcommerceFlow, LiveDesignerPage } from "./live-designer-page";

// Live runs in the designer (/flows/:id): deploy, rows and counters; a
// consumer offline and back; 100 % failures to the dead-letter topic and the trace; pause
// and resume; reload mid-run. Each test stops its run at the end (and afterEach makes sure).
const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("Deploy: rows arrive in the inspector and counters on nodes; a node click filters; a reload mid-run is back at once", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Live shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  // Not running: no live figures anywhere, the inspector is one line.
  await expect(designer.banner.getByText("Stopped", { exact: true })).toBeVisible();
  await expect(designer.inspector.getByRole("button", { name: "Show events" })).toBeVisible();
  await expect(designer.canvas.getByRole("list", { name: "Live figures" })).toHaveCount(0);

  await designer.deploy();
  await expect(designer.bodyRows.first()).toBeVisible({ timeout: 5_000 });
  await expect.poll(() => designer.rowCount()).toBeGreaterThan(20);
  await expect
    .poll(() => designer.figureValue("Producer Order service", "out"), { timeout: 5_000 })
    .toBeGreaterThan(0);
  await expect.poll(() => designer.figureValue("Consumer Payment", "in")).toBeGreaterThan(0);
  await expect.poll(() => designer.figureValue("Topic orders", "events")).toBeGreaterThan(0);
  await expect(designer.figure("Consumer Inventory", "lag")).toBeVisible();
  await expect(designer.figure("Consumer Inventory", "in flight")).toBeVisible();
  await expect(designer.figure("Consumer Inventory", "errors")).toBeVisible();
  // The edges carry traffic.
  await expect(designer.edge("Order service publishes orders").locator("[data-traffic]")).toHaveAttribute(
    "data-traffic",
    /^level-[1-6]$/,
  );

  // The drawer can be resized from the keyboard.
  const handle = page.getByRole("separator", { name: "Resize event inspector" });
  const before = Number(await handle.getAttribute("aria-valuenow"));
  await handle.focus();
  await page.keyboard.press("ArrowUp");
  await expect(handle).toHaveAttribute("aria-valuenow", String(before + 24));

  // Clicking a node narrows the inspector to it; clearing the selection lifts the filter.
  await designer.node("Consumer Email").click();
  const nodeFilter = designer.inspector.getByRole("combobox", { name: "Node" });
  await expect(nodeFilter).toHaveValue("email");
  await expect(designer.bodyRows.first()).toBeVisible();
  for (const row of (await designer.bodyRows.all()).slice(0, 10))
    await expect(row.getByRole("cell").nth(3)).toHaveText(/^(email)?$/);
  await page.keyboard.press("Escape");
  await expect(nodeFilter).toHaveValue("");

  await page.reload();
  await expect(designer.banner.getByText("Running v1", { exact: true })).toBeVisible({ timeout: 3_000 });
  await expect.poll(() => designer.rowCount(), { timeout: 3_000 }).toBeGreaterThan(20);
  await expect
    .poll(() => designer.figureValue("Topic orders", "events"), { timeout: 3_000 })
    .toBeGreaterThan(0);

  await designer.inspector.getByRole("tab", { name: "Dashboard" }).click();
  await expect(designer.inspector.getByRole("img", { name: "Throughput of Order service" })).toBeVisible();
  await designer.stop();
  await expect(designer.canvas.getByRole("list", { name: "Live figures" })).toHaveCount(0);
});

test("The dashboard's charts say their units, share the drawer's width and grow taller with it", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Charted shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.deploy();
  await designer.inspector.getByRole("tab", { name: "Dashboard" }).click();
  const payment = designer.inspector.getByRole("group", { name: "Payment", exact: true });
  const captions = ["Throughput events/s", "Lag events not yet acked", "Error rate failed attempts/s"];
  for (const caption of captions)
    await expect(payment.getByRole("figure", { name: new RegExp(`^${caption}`) })).toBeVisible();
  await expect(payment.getByRole("figure", { name: /^Latency p99 delivery to ack/ })).toBeVisible();

  // At 1440 px a consumer's four charts stand side by side across the drawer.
  const charts = ["Throughput", "Lag", "Error rate", "Latency p99"].map((m) =>
    designer.inspector.getByRole("img", { name: `${m} of Payment`, exact: true }),
  );
  const boxes = await Promise.all(charts.map(async (c) => (await c.boundingBox())!));
  const drawer = (await designer.inspector.boundingBox())!;
  for (const b of boxes) {
    expect(b.width).toBeGreaterThan(drawer.width / 4 - 60);
    expect(b.y).toBe(boxes[0]!.y);
  }
  const before = boxes[0]!.height;

  // A taller drawer gives taller charts.
  const handle = page.getByRole("separator", { name: "Resize event inspector" });
  await handle.focus();
  await page.keyboard.press("End");
  await expect.poll(async () => (await charts[0]!.boundingBox())!.height).toBeGreaterThan(before + 60);
  // Each chart is as wide as its column: the canvas uPlot draws on, too.
  const canvasWidth = await charts[0]!.locator("canvas").evaluate((c) => c.getBoundingClientRect().width);
  expect(Math.abs(canvasWidth - (await charts[0]!.boundingBox())!.width)).toBeLessThanOrEqual(1);
});

test("The email consumer taken offline builds lag on the canvas; back online it drains to zero", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Lagging email");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  // The template's email sender is slower than the orders arrive; make it quick enough to drain.
  await designer.select("Consumer Email");
  await designer.setField("Processing min (ms)", "1");
  await designer.setField("Processing max (ms)", "5");
  await designer.setField("Failure rate (%)", "0");
  await designer.deploy(); // saves the edits first, then runs them

  await expect(designer.liveRun.getByRole("button", { name: "Take offline" })).toBeVisible();
  await designer.liveRun.getByRole("button", { name: "Take offline" }).click();
  await expect(designer.figure("Consumer Email", "offline")).toBeVisible({ timeout: 5_000 });
  await expect
    .poll(() => designer.figureValue("Consumer Email", "lag"), { timeout: 10_000 })
    .toBeGreaterThan(20);
  await designer.liveRun.getByRole("button", { name: "Bring online" }).click();
  await expect
    .poll(() => designer.figureValue("Consumer Email", "lag"), { timeout: 20_000, intervals: [250] })
    .toBe(0);
  // Replaying the group from the earliest offset is accepted by the run.
  await designer.liveRun.getByRole("button", { name: "Replay from earliest" }).click();
  await expect(designer.liveRun.getByRole("status")).toHaveText("Replaying from the earliest offset.");
  await designer.stop();
});

test("100 % failures on the email consumer (set in the form, redeployed): retries, then dead-letters; the dead-letter topic grows; a row's trace shows the chain", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Failing email");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.deploy();

  await designer.select("Consumer Email");
  await designer.setField("Failure rate (%)", "100");
  await designer.setField("Processing min (ms)", "1");
  await designer.setField("Processing max (ms)", "10");
  await expect(designer.banner.getByText("Edited since deploy", { exact: true })).toBeVisible();
  await designer.deploy();
  await expect(designer.banner.getByText("Running v1", { exact: true })).toHaveCount(0);
  await expect(designer.banner.getByText("Edited since deploy", { exact: true })).toHaveCount(0);

  const outcome = designer.inspector.getByRole("combobox", { name: "Outcome" });
  await expect(designer.inspector.getByRole("combobox", { name: "Node" })).toHaveValue("email");
  await outcome.selectOption("retry-scheduled");
  await expect(designer.bodyRows.filter({ hasText: "retry" }).first()).toBeVisible({ timeout: 10_000 });
  await outcome.selectOption("dead-lettered");
  const deadLettered = designer.bodyRows.filter({ hasText: "dead-lettered" }).first();
  await expect(deadLettered).toBeVisible({ timeout: 10_000 });

  await expect
    .poll(() => designer.figureValue("Topic Failed emails", "events"), { timeout: 10_000 })
    .toBeGreaterThan(0);
  const first = await designer.figureValue("Topic Failed emails", "events");
  await expect
    .poll(() => designer.figureValue("Topic Failed emails", "events"), { timeout: 10_000 })
    .toBeGreaterThan(first);
  await expect(designer.figure("Consumer Email", "errors")).not.toHaveText(/^errors 0$/);
  await expect(designer.edge("Email dead-letters Failed emails").locator("[data-traffic]")).toHaveAttribute(
    "data-traffic",
    /^level-[1-6]$/,
  );
  // Deliveries on the subscription fail: it is drawn red.
  await expect(designer.edge("orders subscribes Email").locator("[data-traffic]")).toHaveAttribute(
    "data-failing",
    "true",
  );

  await deadLettered.click();
  const detail = designer.inspector.getByRole("region", { name: "Event detail" });
  await expect(detail.getByText('"order.placed"').first()).toBeVisible();
  const trace = detail.getByRole("list", { name: "Causal trace" });
  for (const step of ["published", "delivered", "failed", "retry", "dead-lettered"])
    await expect(trace.getByText(new RegExp(`${step}$`)).first()).toBeVisible();
  await detail.getByRole("button", { name: "Close event detail" }).click();
  await designer.stop();
});

test("Pause holds arriving rows with a count, Resume shows them; a producer fires by hand", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Paused shop");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.deploy();
  await expect.poll(() => designer.rowCount()).toBeGreaterThan(0);

  await designer.inspector.getByRole("button", { name: "Pause", exact: true }).click();
  const before = await designer.rowCount();
  const held = designer.inspector.getByRole("status").filter({ hasText: /held/ });
  await expect
    .poll(async () => Number((await held.innerText()).replace(/[^0-9]/g, "")), { timeout: 5_000 })
    .toBeGreaterThan(10);
  expect(await designer.rowCount()).toBe(before);
  const heldCount = Number((await held.innerText()).replace(/[^0-9]/g, ""));
  await designer.inspector.getByRole("button", { name: "Resume", exact: true }).click();
  await expect.poll(() => designer.rowCount()).toBeGreaterThanOrEqual(before + heldCount);
  await expect(held).toHaveCount(0);

  // The producer's own controls: pause it (its output stops), fire 5 by hand, resume.
  await designer.select("Producer Order service");
  await designer.liveRun.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(designer.node("Producer Order service").getByText("paused", { exact: true })).toBeVisible();
  await expect.poll(() => designer.figureValue("Producer Order service", "out"), { timeout: 5_000 }).toBe(0);
  const published = await designer.figureValue("Topic orders", "events");
  await designer.liveRun.getByRole("spinbutton", { name: "Events" }).fill("5");
  await designer.liveRun.getByRole("button", { name: "Fire 5" }).click();
  await expect.poll(() => designer.figureValue("Topic orders", "events")).toBe(published + 5);
  await designer.liveRun.getByRole("button", { name: "Resume", exact: true }).click();
  await expect
    .poll(() => designer.figureValue("Producer Order service", "out"), { timeout: 5_000 })
    .toBeGreaterThan(0);
  await designer.stop();
});
