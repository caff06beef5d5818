import { createHash } from "node:crypto";
import { expect, test, type Locator } from "@playwright/test";
import { createClient } from "redis";
import { createEcommerceFlow, LiveDesignerPage } from "../live/live-designer-page";

// A topic moved onto Redis Streams in the designer: deployed, an event added to its stream by an
// outside Redis client is delivered to the flow's consumers and shows in the inspector, labelled
// external and placed at its stream entry id.
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
const redis = createClient({ url: REDIS_URL });
const started: { flowId: string; prefix: string }[] = [];
test.beforeAll(async () => {
  await redis.connect();
});
test.afterEach(async ({ request }) => {
  for (const { flowId, prefix } of started.splice(0)) {
    await request.post(`/api/flows/${flowId}/stop`);
    const keys: string[] = [];
    for await (const batch of redis.scanIterator({ MATCH: `${prefix}*` })) keys.push(...batch);
    if (keys.length > 0) await redis.del(keys);
  }
});
test.afterAll(async () => {
  await redis.quit();
});

/** The key a flow's topics carry on the brokers (server/brokers/registry.ts flowBrokerKey). */
const brokerKey = (flowId: string) => createHash("sha256").update(flowId).digest("hex").slice(0, 12);

test("A topic switched to Redis Streams receives an event added with XADD, seen in the inspector", async ({
  page,
  request,
}) => {
  const flow = await createEcommerceFlow(request, "Shop on Redis");
  const prefix = `eventloom:${brokerKey(flow.id)}:`;
  started.push({ flowId: flow.id, prefix });
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.select("Producer Order service");
  await designer.field("Emission mode").selectOption("manual");
  await designer.select("Topic orders");
  const broker = designer.field("Broker");
  await expect(broker.getByRole("option", { name: "Redis Streams" })).toBeEnabled();
  await broker.selectOption({ label: "Redis Streams" });
  await expect(broker).toHaveValue("redis");
  await designer.deploy();

  // The group reading `orders` exists on the stream once the run is up.
  const stream = `${prefix}orders:0`;
  await expect.poll(async () => (await redis.exists(stream)) === 1, { timeout: 10_000 }).toBe(true);
  const entryId = await redis.xAdd(stream, "*", {
    specversion: "1.0",
    id: "xadd-e2e-1",
    source: "/warehouse",
    type: "stock.counted",
    data: JSON.stringify({ sku: "SKU-9", count: 4 }),
  });
  await expect(designer.table.getByText("stock.counted").first()).toBeVisible({ timeout: 10_000 });
  const rows = designer.bodyRows.filter({ hasText: "stock.counted" });
  // Delivered and acked by each group subscribed to orders: every row says where it came from.
  await expect(rows.first()).toContainText("external");
  await expect(rows.first()).toContainText(`orders / p0 @ ${entryId}`);
  // One reading of every row at once (rows keep arriving: two separate counts can disagree).
  const texts = await rows.allInnerTexts();
  expect(texts.length).toBeGreaterThan(0);
  expect(texts.filter((text) => !text.includes("external"))).toEqual([]);
  await rows.first().click();
  const detail = designer.inspector.getByRole("region", { name: "Event detail" });
  await expect(detail.getByText("Published to the broker by a client outside Eventloom")).toBeVisible();
  await expect(detail.getByText(entryId, { exact: true })).toBeVisible();
  const groups = await redis.xInfoGroups(stream);
  await expect
    .poll(async () => (await redis.xInfoGroups(stream)).every((g) => g.pending === 0), { timeout: 10_000 })
    .toBe(true);
  expect(groups.length).toBeGreaterThan(0);

  // "Replay from here" on one group's ack of the outside event: the group's next delivery on
  // orders / p0 is that entry again, so exactly one more ack of it by that group.
  await rows.filter({ hasText: "acked" }).first().click();
  const replay = detail.getByRole("button", { name: /^Replay \S+ from here$/ });
  const group = (await replay.getAttribute("aria-label"))!.split(" ")[1];
  const acksOf = rows.filter({ hasText: "acked" }).filter({ hasText: group });
  await expect(acksOf).toHaveCount(1);
  await replay.click();
  await expect(detail.getByRole("status").filter({ hasText: /^Replaying/ })).toHaveText(
    `Replaying ${group} on orders / p0 from offset ${entryId}.`,
  );
  await expect(acksOf).toHaveCount(2, { timeout: 10_000 });

  // At phone size the row and the detail show the whole badge; in the row it is short ("ext",
  // read out as "external"), so the event type beside it keeps more room than the badge takes.
  await page.setViewportSize({ width: 390, height: 844 });
  await detail.getByRole("button", { name: "Close event detail" }).click();
  const origin = "Published to the broker by a client outside Eventloom";
  const rowBadge = rows.first().getByTitle(origin);
  await expectWhole(rowBadge, rows.first());
  await expect(rowBadge.getByText("ext", { exact: true })).toBeVisible();
  // Read out as "external" (visually hidden text), never as "ext".
  await expect(rowBadge.locator(".sr-only")).toHaveText("external");
  const eventType = (await rows.first().getByTitle("stock.counted").boundingBox())!;
  expect(eventType.width).toBeGreaterThan((await rowBadge.boundingBox())!.width);
  await page.screenshot({ path: test.info().outputPath("phone-external-row.png") });
  await rows.first().click();
  const detailBadge = detail.getByTitle(origin);
  await expectWhole(detailBadge, detail);
  expect(await detailBadge.innerText()).toBe("external");
  await page.screenshot({ path: test.info().outputPath("phone-external-detail.png") });
});

/** `badge` is drawn whole: nothing of it clipped, and inside `container` on screen. */
async function expectWhole(badge: Locator, container: Locator) {
  await expect(badge).toBeVisible();
  const box = (await badge.boundingBox())!;
  const outer = (await container.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(outer.x);
  expect(box.x + box.width).toBeLessThanOrEqual(outer.x + outer.width + 0.5);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  // Its own text fits in it, and no ancestor cuts it short (an ellipsis or a narrower cell).
  expect(await badge.evaluate((el) => el.scrollWidth <= el.clientWidth + 0.5)).toBe(true);
  expect(
    await badge.evaluate((el) => {
      const own = el.getBoundingClientRect();
      for (let up = el.parentElement; up; up = up.parentElement) {
        const style = getComputedStyle(up);
        if (style.overflow === "visible" && style.overflowX === "visible") continue;
        const clip = up.getBoundingClientRect();
        if (own.left < clip.left - 0.5 || own.right > clip.right + 0.5) return false;
      }
      return true;
    }),
  ).toBe(true);
}
