import { pipeline } from "@/server/cluster/harness/flow";
import { api, startCluster, type TestCluster } from "@/server/cluster/harness/cluster-harness";
import { InspectorPage } from "../inspector/live-page";
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

test("Two browsers on two servers of a cluster watch the same run and see the same counts", async ({
  browser,
}) => {
  const [s1, s2] = cluster.servers;
  const created = await api<{ id: string }>(s1.base, "/api/flows", { name: "Shared run", graph });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect((await api(s1.base, `/api/flows/${id}/deploy`, {})).status).toBe(200);

  const pages = await Promise.all(
    [s1, s2].map(async (server) => {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${server.base}/flows/${id}/live`);
      const inspector = new InspectorPage(page);
      await expect(inspector.region.getByText(/^Running v1$/)).toBeVisible();
      return inspector;
    }),
  );
  const fired = await cluster.control(s2, { flowId: id, action: "fire", nodeId: "p", count: 25 });
  expect(fired).toEqual({ ok: true, value: null });
  // 25 events, each published, delivered and acked: the same 75 rows on both servers' pages.
  for (const inspector of pages) await expect.poll(() => inspector.rowCount()).toBe(75);
  for (const inspector of pages)
    await expect(inspector.bodyRows.filter({ hasText: "acked" }).first()).toBeVisible();
  await api(s1.base, `/api/flows/${id}/stop`, {});
  for (const inspector of pages) await inspector.page.context().close();
});
