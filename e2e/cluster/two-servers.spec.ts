import { pipeline } from "@/server/cluster/harness/flow";
import type { Browser } from "@playwright/test";
import {
  api,
  startCluster,
  type ClusterServer,
  type TestCluster,
} from "@/server/cluster/harness/cluster-harness";
import type { FlowRecord } from "@/lib/api/flows";
import { InspectorPage } from "../inspector/live-page";
import { DesignerPage } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

/** A manual producer into a topic with one consumer group that acks at once. */
const graph = pipeline();

let cluster: TestCluster;
test.beforeAll(async () => {
  test.setTimeout(180_000);
  cluster = await startCluster(2);
});
test.afterAll(async () => {
  await cluster?.close();
});

/** Opens the live view of `id` on each server in a browser context of `height` (laptop-sized by default). */
async function watchOnEach(browser: Browser, id: string, servers: ClusterServer[], height = 900) {
  return Promise.all(
    servers.map(async (server) => {
      const context = await browser.newContext({ viewport: { width: 1440, height } });
      const page = await context.newPage();
      await page.goto(`${server.base}/flows/${id}/live`);
      const inspector = new InspectorPage(page);
      await expect(inspector.region.getByText(/^Running v1$/)).toBeVisible();
      return inspector;
    }),
  );
}

test("Two browsers on two servers of a cluster watch the same run and see the same counts", async ({
  browser,
}) => {
  const [s1, s2] = cluster.servers;
  const created = await api<{ id: string }>(s1.base, "/api/flows", { name: "Shared run", graph });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await api(s1.base, `/api/flows/${id}/deploy`, {})).status).toBe(200);

  const pages = await watchOnEach(browser, id, [s1, s2]);
  const fired = await cluster.control(s2, { flowId: id, action: "fire", nodeId: "p", count: 25 });
  expect(fired).toEqual({ ok: true, value: null });
  // 25 events, each published, delivered and acked: the same 75 rows on both servers' pages.
  for (const inspector of pages) await expect.poll(() => inspector.rowCount()).toBe(75);
  for (const inspector of pages)
    await expect(inspector.bodyRows.filter({ hasText: "acked" }).first()).toBeVisible();
  await api(s1.base, `/api/flows/${id}/stop`, {});
  for (const inspector of pages) await inspector.page.context().close();
});

test("A consumer group on Redis Streams spreads over both servers, and each row says which server handled it", async ({
  browser,
}) => {
  const [s1, s2] = cluster.servers;
  const redisGraph = pipeline({ backend: "redis", partitions: 2 });
  const { id, flowKey } = await cluster.deploy("Spread run", redisGraph);
  // Both servers take part before anything is fired (each learns the split within a second).
  await expect
    .poll(async () => {
      const keys = await cluster.redis.keys(`${cluster.prefix}spread-members:${id}:*`);
      return keys.length === 1 ? cluster.redis.zCard(keys[0]) : 0;
    })
    .toBe(2);
  await new Promise((resolve) => setTimeout(resolve, 2500));
  // Tall enough that the table (virtualised) has all 60 rows in the page.
  const pages = await watchOnEach(browser, id, [s1, s2], 2400);
  const fired = await cluster.control(s1, { flowId: id, action: "fire", nodeId: "p", count: 20 });
  expect(fired.ok).toBe(true);
  // The producer's keys place the 20 events; partition 0 is read by s1, partition 1 by s2.
  // The fire answers before Redis has stored every event: read the streams once all 20 are there.
  const streamLengths = () =>
    Promise.all([0, 1].map((p) => cluster.redis.xLen(`eventloom:${flowKey}:orders:${p}`)));
  await expect.poll(async () => (await streamLengths()).reduce((sum, n) => sum + n, 0)).toBe(20);
  const lengths = await streamLengths();
  for (const inspector of pages) {
    await expect.poll(() => inspector.rowCount()).toBe(60);
    for (const [p, server] of [
      [0, "s1"],
      [1, "s2"],
    ] as const) {
      const acked = inspector.bodyRows.filter({ hasText: `/ p${p} @` }).filter({ hasText: "acked" });
      await expect(acked.filter({ hasText: `on ${server}` })).toHaveCount(lengths[p]);
      await expect(acked).toHaveCount(lengths[p]);
    }
  }
  const [inspector] = pages;
  await inspector.bodyRows.filter({ hasText: "/ p1 @" }).filter({ hasText: "acked" }).first().click();
  const detail = inspector.page.getByRole("region", { name: "Event detail" });
  await expect(detail.getByText("server s2")).toBeVisible();
  await api(cluster.servers[0].base, `/api/flows/${id}/stop`, {});
  for (const page of pages) await page.page.context().close();
});

test("Two people on two servers co-edit one flow: each sees the other's change, and the saved flow holds both", async ({
  browser,
}) => {
  const [s1, s2] = cluster.servers;
  const created = await api<{ id: string }>(s1.base, "/api/flows", { name: "Co-edited", graph });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const [alice, bob] = await Promise.all(
    [s1, s2].map(async (server) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const designer = new DesignerPage(await context.newPage());
      await designer.page.goto(`${server.base}/flows/${id}`);
      await designer.expectSaved();
      return designer;
    }),
  );
  // At the same time: Alice (on s1) sets the producer's burst size, Bob (on s2) the topic's partitions.
  await alice.select("Producer order.placed");
  await bob.select("Topic orders");
  await alice.field("Burst size (events)").fill("25");
  await bob.field("Partitions").fill("8");
  await bob.select("Producer order.placed");
  await expect(bob.field("Burst size (events)")).toHaveValue("25");
  await alice.select("Topic orders");
  await expect(alice.field("Partitions")).toHaveValue("8");
  await alice.expectSaved();
  await bob.expectSaved();
  // Whichever server is asked, the saved flow holds both changes.
  for (const server of [s1, s2])
    await expect
      .poll(async () => {
        const stored = await api<FlowRecord>(server.base, `/api/flows/${id}`);
        const [producer, topic] = stored.body.graph.nodes;
        return [
          producer.kind === "producer" && producer.config.burstCount,
          topic.kind === "topic" && topic.config.partitions,
        ];
      })
      .toEqual([25, 8]);
  await alice.page.context().close();
  await bob.page.context().close();
});
