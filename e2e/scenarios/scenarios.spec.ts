import { readFileSync } from "node:fs";
import type { FlowGraph } from "@/lib/flow";
import { expect, test } from "../pages/fixtures";
import { createFlowViaApi, DesignerPage, flowFromApi } from "../pages/designer-page";
import { ScenariosPanel } from "./scenarios-panel";

/** The e-commerce template's graph, as the home page's card creates it. */
const shop = {
  graph: JSON.parse(
    readFileSync(new URL("../../examples/ecommerce-orders.json", import.meta.url), "utf8"),
  ) as FlowGraph,
};

test("Write a scenario on the e-commerce template, see it fail, open the inspector at the violation, raise the workers and see it pass", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shop scenarios", graph: shop.graph });
  await designer.open(flow);
  await designer.expectSaved();
  const scenarios = new ScenariosPanel(page);
  await scenarios.open();
  await expect(scenarios.panel.getByLabel("Scenario", { exact: true })).toHaveValue("black-friday");

  // Write it: ×2.5 orders from 0:10 for two minutes, payment's p99 latency must stay under 2 s.
  await scenarios.panel.getByRole("button", { name: "New scenario" }).click();
  await scenarios.type(scenarios.panel.getByLabel("Name", { exact: true }), "Lunch rush");
  await scenarios.type(scenarios.panel.getByLabel("Duration", { exact: true }), "2:00");
  await scenarios.panel.getByRole("button", { name: "Add step" }).click();
  const step = scenarios.step(1);
  await expect(step.getByLabel("Action", { exact: true })).toHaveValue("multiply-rate");
  await expect(step.getByLabel("Node", { exact: true })).toHaveValue("order-service");
  await scenarios.type(step.getByLabel("Factor (×)", { exact: true }), "2.5");

  // A time past the end is a problem at its path, and the scenario will not run.
  await scenarios.type(step.getByLabel("At", { exact: true }), "9:00");
  const problems = scenarios.panel.getByRole("region", { name: "Scenario problems" });
  await expect(problems).toContainText(
    "Step 1, time (steps[0].atMs): happens at 9:00, after the scenario ends at 2:00",
  );
  await expect(step.getByText("happens at 9:00, after the scenario ends at 2:00")).toBeVisible();
  await expect(scenarios.runButton).toBeDisabled();
  await expect(scenarios.panel.getByText("Fix 1 problem to run it")).toBeVisible();
  // A value the schema refuses stays in the field with the reason, and never reaches the flow.
  await scenarios.type(step.getByLabel("Factor (×)", { exact: true }), "500");
  await expect(step.getByText("must be at most 100")).toBeVisible();
  await scenarios.type(step.getByLabel("Factor (×)", { exact: true }), "2.5");
  await scenarios.type(step.getByLabel("At", { exact: true }), "0:10");
  await expect(problems).toHaveCount(0);

  const expectation = scenarios.expectation(1);
  await expectation.getByLabel("Expect", { exact: true }).selectOption({ label: "Latency stays under" });
  await expectation.getByLabel("Consumer group", { exact: true }).selectOption({ label: "Payment" });
  await expect(expectation.getByLabel("Quantile", { exact: true })).toHaveValue("p99");
  await scenarios.type(expectation.getByLabel("Max ms", { exact: true }), "2000");
  await expect(scenarios.panel.getByRole("list", { name: "Steps in time order" })).toContainText(
    "0:101. 'Order service' at ×2.5 its designed rate",
  );
  await designer.expectSaved();

  // Run it: payment's two workers fall behind, the expectation fails at 0:20.
  await scenarios.runButton.click();
  await expect(scenarios.tab("Results")).toHaveAttribute("aria-selected", "true", { timeout: 30_000 });
  await expect(scenarios.verdict).toHaveText(/Failed: 1 of 1 expectation not met/);
  const failed = scenarios.panel.getByRole("listitem", {
    name: "Failed: p99 latency of 'Payment' stays < 2000 ms (each 10 s)",
  });
  await expect(failed).toContainText("failed at 0:20");
  await expect(failed).toContainText("new: nothing to compare with");
  await expect(scenarios.panel.getByRole("img", { name: /^Lag per group: Payment peaks at/ })).toBeVisible();

  // The inspector at the violation: the deliveries around 0:20 at payment, with causal traces.
  await failed.getByRole("button", { name: "Open in the inspector at 0:20" }).click();
  const inspector = page.getByRole("dialog", { name: "Inspector at 0:20" });
  await expect(
    inspector.getByRole("heading", { name: /Deliveries from 0:18\.000 to 0:21\.000 at 'Payment'/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(inspector.getByRole("row").nth(1)).toContainText(/order\.placed/);
  await expect(inspector.getByRole("list", { name: "Causal trace" })).toContainText("order.placed");
  await inspector.getByRole("button", { name: "Close" }).click();

  // Raise payment's workers to 3 (the orders topic has 3 partitions) and run again: it passes, better than before.
  await designer.select("Consumer Payment");
  await scenarios.type(designer.field("Concurrency (workers)"), "3");
  await designer.expectSaved();
  await scenarios.open();
  await scenarios.runButton.click();
  await expect(scenarios.verdict).toHaveText(/Passed: all 1 expectations met/, { timeout: 30_000 });
  const passed = scenarios.panel.getByRole("listitem", {
    name: "Passed: p99 latency of 'Payment' stays < 2000 ms (each 10 s)",
  });
  await expect(passed).toContainText("better than the run before");
  const runs = scenarios.panel.getByLabel("Run", { exact: true });
  await expect(runs.getByRole("option")).toHaveCount(2);
  await runs.selectOption({ index: 1 });
  await expect(scenarios.verdict).toHaveText(/Failed/);
});

test("A long run shows its progress and can be cancelled; the forecast gives workers per multiplier", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shop forecast", graph: shop.graph });
  await designer.open(flow);
  await designer.expectSaved();
  const scenarios = new ScenariosPanel(page);
  await scenarios.open();

  // Black Friday stretched to 24 simulated hours (the longest a scenario may be): long enough to cancel.
  await scenarios.type(scenarios.panel.getByLabel("Duration", { exact: true }), "24:00:00");
  await designer.expectSaved();
  await scenarios.runButton.click();
  const progress = scenarios.panel.getByRole("progressbar", { name: "Scenario run progress" });
  await expect(progress).toBeVisible();
  await scenarios.panel.getByRole("button", { name: "Cancel" }).click();
  await scenarios.tab("Results").click();
  await expect(scenarios.verdict).toHaveText(/Cancelled at [\d:]+ of 24:00:00/);
  await expect(
    scenarios.panel.getByText("This run was cancelled, so it is not kept with the scenario."),
  ).toBeVisible();

  // The forecast asks for payment at ×1 and ×2 (the scenario's own request, narrowed here), over the designed half hour.
  await scenarios.tab("Design").click();
  await scenarios.type(scenarios.panel.getByLabel("Duration", { exact: true }), "30:00");
  await scenarios.tab("Forecast").click();
  await expect(scenarios.panel.getByLabel("Consumer group", { exact: true })).toHaveValue("payment");
  await scenarios.type(scenarios.panel.getByLabel("Traffic multipliers", { exact: true }), "1, 2");
  await designer.expectSaved();
  await scenarios.panel.getByRole("button", { name: "Run forecast" }).click();
  const table = scenarios.panel.getByRole("table", { name: /Workers for 'Payment'/ });
  await expect(table).toBeVisible({ timeout: 60_000 });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText(/×1\s*6/);
  await expect(table.getByRole("row").nth(2)).toContainText(/×2\s*14/);
});

test("A co-editor sees a scenario being written, and it is saved with the flow", async ({
  browser,
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shop together", graph: shop.graph });
  await designer.open(flow);
  await designer.expectSaved();
  const bobContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const bobPage = await bobContext.newPage();
  const bob = new DesignerPage(bobPage);
  await bob.open(flow);
  await bob.expectSaved();
  const alice = new ScenariosPanel(page);
  const bobs = new ScenariosPanel(bobPage);
  await alice.open();
  await bobs.open();

  await alice.panel.getByRole("button", { name: "New scenario" }).click();
  await alice.type(alice.panel.getByLabel("Name", { exact: true }), "Flash sale");
  const bobsChoice = bobs.panel.getByLabel("Scenario", { exact: true });
  await expect(bobsChoice.getByRole("option", { name: "Flash sale" })).toHaveCount(1);
  await bobsChoice.selectOption({ label: "Flash sale" });
  await alice.panel.getByRole("button", { name: "Add step" }).click();
  await expect(bobs.step(1).getByLabel("Action", { exact: true })).toHaveValue("multiply-rate");

  await designer.expectSaved();
  const saved = await flowFromApi(request, flow.id);
  expect(saved.graph.scenarios?.map((s) => s.name)).toEqual([
    "Black Friday ×5 with an email outage",
    "Flash sale",
  ]);
  expect(saved.graph.scenarios?.[1].steps).toEqual([
    { atMs: 60_000, action: "multiply-rate", nodeId: "order-service", factor: 2 },
  ]);
  await bobContext.close();
});
