import { readFile } from "node:fs/promises";
import { expect, test } from "../pages/fixtures";
import { createEcommerceFlow, LiveDesignerPage } from "./live-designer-page";

// Recorded events leave the inspector as NDJSON of CloudEvents (with its filters applied),
// and one event's causal trace as JSON.
test("Export NDJSON downloads the filtered recorded events; Download trace gives one event's chain", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Export shop");
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.deploy();
  await expect.poll(() => designer.rowCount(), { timeout: 10_000 }).toBeGreaterThan(20);
  await request.post(`/api/flows/${flow.id}/stop`);
  // A stopped run folds the inspector to its summary line; open it again.
  await designer.inspector.getByRole("button", { name: "Show events" }).click();

  await designer.inspector.getByRole("combobox", { name: "Consumer group" }).selectOption("inventory");
  await designer.inspector.getByRole("combobox", { name: "Outcome" }).selectOption("acked");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    designer.inspector.getByRole("link", { name: "Export NDJSON" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("events.ndjson");
  const events = (await readFile((await download.path())!, "utf8"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  const acked = (await (await request.get(`/api/flows/${flow.id}/run`)).json()).metrics.nodes.inventory.counts
    .acked;
  expect(events).toHaveLength(acked);
  expect(new Set(events.map((e) => e.id)).size).toBe(acked);
  for (const event of events)
    expect(event).toMatchObject({
      specversion: "1.0",
      type: "order.placed",
      source: "/shop/checkout",
      datacontenttype: "application/json",
    });

  await designer.bodyRows.first().click();
  const detail = designer.inspector.getByRole("region", { name: "Event detail" });
  const [traceDownload] = await Promise.all([
    page.waitForEvent("download"),
    detail.getByRole("link", { name: "Download trace" }).click(),
  ]);
  const trace = JSON.parse(await readFile((await traceDownload.path())!, "utf8"));
  expect(trace.events.length).toBeGreaterThan(0);
  expect(trace.records.map((r: { outcome: string }) => r.outcome)).toContain("published");
  expect(
    trace.records.every((r: { correlationId: string }) => r.correlationId === trace.records[0].correlationId),
  ).toBe(true);
});
