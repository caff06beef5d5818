import { expect, test } from "../pages/fixtures";
import { createEcommerceFlow, LiveDesignerPage } from "./live-designer-page";

// Replay to a given offset (embedded broker): the consumer's "Replay from offset" form, prefilled
// with the offset of its newest delivery on the chosen partition, a refusal past the end, and an
// event's "Replay from here". Counts are exact: the email group acks each event once, then once
// more for each event from the replay's offset to the partition's end.
const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("Replay a consumer from an offset it shows, then from an event: exactly those events again", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Replay by offset");
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.select("Producer Order service");
  await designer.field("Emission mode").selectOption("manual");
  await designer.select("Consumer Email");
  await designer.setField("Processing min (ms)", "1");
  await designer.setField("Processing max (ms)", "2");
  await designer.setField("Failure rate (%)", "0");
  await designer.deploy();

  await designer.select("Producer Order service");
  await designer.liveRun.getByRole("button", { name: "Fire 10" }).click();
  await expect(designer.liveRun.getByRole("status")).toHaveText("Fired 10 events.");

  // Selecting the consumer narrows the table to its deliveries; only its acks are counted.
  await designer.select("Consumer Email");
  await designer.inspector.getByRole("combobox", { name: "Outcome" }).selectOption("acked");
  await expect.poll(() => designer.rowCount(), { timeout: 10_000 }).toBe(10);

  // The partition whose newest delivery has the highest offset (the most events).
  const form = designer.liveRun.getByRole("form", { name: "Replay from offset" });
  const partition = form.getByRole("combobox", { name: "Partition" });
  const offset = form.getByRole("textbox", { name: "Offset" });
  let best = { label: "", last: -1 };
  for (const label of ["orders / p0", "orders / p1", "orders / p2"]) {
    await partition.selectOption({ label });
    const value = await offset.inputValue();
    if (value !== "" && Number(value) > best.last) best = { label, last: Number(value) };
  }
  expect(best.last).toBeGreaterThanOrEqual(3);
  await partition.selectOption({ label: best.label });
  // Prefilled with the broker offset the rows show for this partition.
  await expect(offset).toHaveValue(String(best.last));
  await expect(designer.bodyRows.filter({ hasText: `${best.label} @ ${best.last}` })).toHaveCount(1);

  await offset.fill("0");
  await form.getByRole("button", { name: "Replay from this offset" }).click();
  await expect(designer.liveRun.getByRole("status")).toHaveText(`Replaying ${best.label} from offset 0.`);
  const replayed = 10 + best.last + 1;
  await expect.poll(() => designer.rowCount(), { timeout: 10_000 }).toBe(replayed);

  // Past the partition's end: refused with the reason, nothing moves.
  await offset.fill(String(best.last + 100));
  await form.getByRole("button", { name: "Replay from this offset" }).click();
  await expect(designer.inspector.getByRole("alert")).toHaveText(
    new RegExp(
      `Could not replay email: offset ${best.last + 100} is beyond the end of ${best.label} \\(its last event is at ${best.last}\\)`,
    ),
  );

  // "Replay from here" on the partition's newest event: that one event again.
  await designer.bodyRows
    .filter({ hasText: `${best.label} @ ${best.last}` })
    .first()
    .click();
  const detail = designer.inspector.getByRole("region", { name: "Event detail" });
  await detail.getByRole("button", { name: "Replay email from here" }).click();
  await expect(detail.getByRole("status").filter({ hasText: /^Replaying/ })).toHaveText(
    `Replaying email on ${best.label} from offset ${best.last}.`,
  );
  await expect.poll(() => designer.rowCount(), { timeout: 10_000 }).toBe(replayed + 1);
  await page.waitForTimeout(1000);
  expect(await designer.rowCount()).toBe(replayed + 1);
  await designer.stop();
});
