import type { FlowGraph } from "@/lib/flow";
import { NODE_KIND_SPECS } from "@/lib/flow";
import { createFlowViaApi, flowFromApi, DesignerPage } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

const graph = (): FlowGraph => ({
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: NODE_KIND_SPECS.producer.defaults() },
    { id: "t", kind: "topic", position: { x: 360, y: 0 }, config: NODE_KIND_SPECS.topic.defaults() },
  ],
  edges: [],
});

test("Two people edit one flow: the second save gets the conflict flow and no edit is lost", async ({
  browser,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shared", graph: graph() });
  const alice = new DesignerPage(
    await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage(),
  );
  const bob = new DesignerPage(
    await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage(),
  );
  await alice.open(flow);
  await bob.open(flow);

  // Alice saves first (version 2).
  await alice.select("Producer order.placed");
  await alice.field("Rate (events per second)").fill("40");
  await alice.expectSaved();
  expect((await flowFromApi(request, flow.id)).version).toBe(2);

  // Bob, still on version 1, edits too: his save meets Alice's version.
  await bob.select("Topic orders");
  await bob.field("Partitions").fill("8");
  const bobConflict = bob.page.getByRole("dialog", { name: "This flow was changed elsewhere" });
  await expect(bobConflict).toBeVisible();
  await expect(bobConflict).toContainText("Someone saved version 2");
  await expect(bob.saveStatus).toHaveText("Not saved — changed elsewhere");
  await bobConflict.getByRole("button", { name: "Keep mine as a new version" }).click();
  await bob.expectSaved();

  // Bob's graph is version 3; Alice's is still in the history as version 2.
  const v3 = await flowFromApi(request, flow.id);
  expect(v3.version).toBe(3);
  const topic = v3.graph.nodes.find((n) => n.id === "t");
  expect(topic?.kind === "topic" && topic.config.partitions).toBe(8);
  const history = (await (await request.get(`/api/flows/${flow.id}/revisions`)).json()) as {
    revisions: { version: number }[];
  };
  expect(history.revisions.map((r) => r.version)).toEqual([3, 2, 1]);

  // Alice edits on top of version 2: she gets the conflict, loads Bob's, and undo brings hers back.
  await alice.field("Source").fill("/shop/web");
  const aliceConflict = alice.page.getByRole("dialog", { name: "This flow was changed elsewhere" });
  await expect(aliceConflict).toContainText("Someone saved version 3");
  await aliceConflict.getByRole("button", { name: "Load their version" }).click();
  await alice.expectSaved();
  await alice.select("Topic orders");
  await expect(alice.field("Partitions")).toHaveValue("8");
  await alice.page.getByRole("button", { name: "Undo", exact: true }).click();
  await alice.select("Producer order.placed");
  await expect(alice.field("Source")).toHaveValue("/shop/web");
  await expect(alice.field("Rate (events per second)")).toHaveValue("40");
  await alice.expectSaved();
  const v4 = await flowFromApi(request, flow.id);
  expect(v4.version).toBe(4);
  const producer = v4.graph.nodes.find((n) => n.id === "p");
  expect(producer?.kind === "producer" && producer.config.source).toBe("/shop/web");

  await alice.page.context().close();
  await bob.page.context().close();
});
