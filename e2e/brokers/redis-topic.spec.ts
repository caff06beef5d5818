import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
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
});
