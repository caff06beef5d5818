import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { FlowGraph } from "@/lib/flow";
import { createFlowViaApi, DesignerPage, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";
import { ask, deploy, flowMenu, rawSocket, ShareDialog } from "./share-page";

const ecommerce = JSON.parse(readFileSync("examples/ecommerce-orders.json", "utf8")) as FlowGraph;

/** The graph with its nodes and edges in id order: AsyncAPI keeps what they are, not their order. */
const byId = (graph: FlowGraph) => ({
  ...graph,
  nodes: [...graph.nodes].sort((a, b) => a.id.localeCompare(b.id)),
  edges: [...graph.edges].sort((a, b) => a.id.localeCompare(b.id)),
});

const stops: string[] = [];
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

/** Nothing on the page offers to change the flow or its run. */
async function expectReadOnly(page: Page) {
  const banner = page.getByRole("banner");
  await expect(page.getByRole("navigation", { name: "Palette" })).toHaveCount(0);
  for (const name of ["Deploy", "Stop", "Undo", "Redo", "Share", "Auto-layout"]) {
    await expect(page.getByRole("button", { name, exact: true }), `${name} should be absent`).toHaveCount(0);
  }
  await expect(banner.getByRole("button", { name: "Rename" })).toHaveCount(0);
  await banner.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("menuitem")).toHaveText([
    /^Export$/,
    /^Export AsyncAPI$/,
    /^Keyboard shortcuts/,
    /^Help$/,
  ]);
  await page.keyboard.press("Escape");
}

test("A view link opens the running flow read-only in another browser, refuses control, and forks", async ({
  designer,
  page,
  browser,
  request,
  baseURL,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shared shop", graph: ecommerce });
  await deploy(page.request, flow.id);
  stops.push(flow.id);
  await designer.open(flow);

  const share = new ShareDialog(page);
  await share.open();
  await expect(share.field("Edit link")).toHaveValue(`${baseURL}/flows/${flow.id}`);
  await expect(
    share.dialog.getByText("Anyone with this link can edit, deploy and run the flow."),
  ).toBeVisible();
  const viewLink = await share.createViewLink();
  const token = viewLink.split("/s/")[1];
  await share.close();
  // The browser that made the link shows it again.
  await share.open();
  await expect(share.field("View link")).toHaveValue(viewLink);
  await share.close();

  const viewer = await browser.newContext();
  const view = await viewer.newPage();
  await view.goto(viewLink);
  const viewDesigner = new DesignerPage(view);
  await expect(view.getByRole("heading", { name: "Shared shop", level: 1 })).toBeVisible();
  await expect(view.getByRole("banner").getByText("View only", { exact: true })).toBeVisible();
  await expect(view).toHaveTitle("Shared shop (view only) · Eventloom");
  await expect(viewDesigner.nodes()).toHaveCount(9);
  await expectReadOnly(view);

  // The live inspector follows the run through the token.
  const inspector = view.getByRole("region", { name: "Event inspector" });
  await expect(inspector.getByText(/^Running v\d+$/)).toBeVisible({ timeout: 10_000 });
  await expect(inspector.getByRole("table", { name: "Deliveries" }).getByRole("row").nth(5)).toBeVisible({
    timeout: 10_000,
  });
  await expect(view.getByRole("button", { name: /^Take .* offline$/ })).toHaveCount(0);

  // Dragging a node, Delete and paste change nothing; the properties are shown, not editable.
  // (Dragging on a read-only canvas pans it: compare the node with its neighbour, not the screen.)
  const node = viewDesigner.node("Consumer Email");
  const offset = async () => {
    const [a, b] = [await node.boundingBox(), await viewDesigner.node("Topic orders").boundingBox()];
    return { x: Math.round(a!.x - b!.x), y: Math.round(a!.y - b!.y) };
  };
  const before = await offset();
  const box = (await node.boundingBox())!;
  await view.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await view.mouse.down();
  await view.mouse.move(box.x + 200, box.y + 150, { steps: 8 });
  await view.mouse.up();
  expect(await offset()).toEqual(before);
  await node.click();
  await expect(viewDesigner.properties.getByRole("heading", { level: 2 })).toContainText("Email");
  await expect(viewDesigner.field("Label (optional)")).toBeDisabled();
  await expect(viewDesigner.properties.getByRole("button", { name: "Delete" })).toHaveCount(0);
  await view.keyboard.press("Delete");
  await view.keyboard.press("Control+d");
  await expect(viewDesigner.nodes()).toHaveCount(9);
  expect((await flowFromApi(request, flow.id)).version).toBe(flow.version);

  // A forged control message with the view token is refused by the server.
  const socket = rawSocket(baseURL!);
  try {
    expect(await ask(socket, "watch", { flowId: token })).toMatchObject({ ok: true });
    for (const control of [
      { action: "fire", nodeId: "order-service", count: 5 },
      { action: "offline", nodeId: "email" },
      { action: "pause", nodeId: "order-service" },
    ]) {
      expect(await ask(socket, "control", { flowId: token, ...control })).toEqual({
        ok: false,
        error: "This is a view-only link: it cannot control the run",
      });
    }
  } finally {
    socket.close();
  }

  // A view link is never listed as an editable recent flow.
  const recent = await view.evaluate(() => localStorage.getItem("eventloom.recentFlows") ?? "[]");
  expect(recent).not.toContain(token);

  // Fork: an editable copy of one's own.
  await view.getByRole("button", { name: "Fork" }).click();
  await expect(view).toHaveURL(/\/flows\/[A-Za-z0-9_-]+$/);
  await expect(view.getByRole("heading", { name: "Copy of Shared shop", level: 1 })).toBeVisible();
  const forkId = new URL(view.url()).pathname.split("/").pop()!;
  expect(forkId).not.toBe(flow.id);
  const fork = await flowFromApi(request, forkId);
  expect(fork.access).toBe("edit");
  expect(fork.graph).toEqual((await flowFromApi(request, flow.id)).graph);
  await expect(view.getByRole("navigation", { name: "Palette" })).toBeVisible();
  await expect(view.getByRole("button", { name: "Undo", exact: true })).toBeVisible();
  await viewer.close();
});

test("Regenerating the view link makes the old one show that it is no longer valid", async ({
  designer,
  page,
  browser,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Revoked shop", graph: ecommerce });
  await designer.open(flow);
  const share = new ShareDialog(page);
  await share.open();
  const first = await share.createViewLink();
  const second = await share.regenerateViewLink(first);

  const viewer = await browser.newContext();
  const view = await viewer.newPage();
  const stale = await view.goto(first);
  expect(stale?.status()).toBe(404);
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("This view link is no longer valid");
  await expect(view.getByRole("link", { name: "Go to Eventloom home" })).toBeVisible();

  await view.goto(second);
  await expect(view.getByRole("heading", { name: "Revoked shop", level: 1 })).toBeVisible();
  // The link unfurls with a picture of the graph.
  const image = await view.locator('meta[property="og:image"]').getAttribute("content");
  expect(new URL(image!).pathname).toBe(`${new URL(second).pathname}/opengraph-image`);
  // Built on the host the page was reached at, so the preview works wherever the app is served.
  expect(new URL(image!).origin).toBe(new URL(second).origin);
  const png = await request.get(`${new URL(second).pathname}/opengraph-image`);
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toBe("image/png");
  await expect(view.getByRole("banner").getByText("View only", { exact: true })).toBeVisible();

  // Removing it ends the new one too, and the dialog offers to create one again.
  await share.dialog.getByRole("button", { name: "Remove view link" }).click();
  await expect(share.dialog.getByRole("button", { name: "Create view link" })).toBeVisible();
  await view.reload();
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("This view link is no longer valid");
  await viewer.close();
});

test("A snapshot link round-trips a flow exactly, and a damaged one says so", async ({
  designer,
  page,
  browser,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Snapshot shop", graph: ecommerce });
  await designer.open(flow);
  const share = new ShareDialog(page);
  await share.open();
  const link = await share.field("Snapshot link").inputValue();
  expect(link).toMatch(/\/snapshot#v1\./);

  const viewer = await browser.newContext();
  const view = await viewer.newPage();
  await view.goto(link);
  await expect(view.getByRole("heading", { name: "Snapshot shop", level: 1 })).toBeVisible();
  await expect(view.getByRole("banner").getByText("Snapshot", { exact: true })).toBeVisible();
  await expect(new DesignerPage(view).nodes()).toHaveCount(9);
  await expectReadOnly(view);
  await expect(view.getByRole("button", { name: "Fork" })).toHaveCount(0);
  expect(await view.evaluate(() => localStorage.getItem("eventloom.recentFlows") ?? "[]")).not.toContain(
    "snapshot",
  );

  await view.getByRole("button", { name: "Save as new flow" }).click();
  await expect(view).toHaveURL(/\/flows\/[A-Za-z0-9_-]+$/);
  await expect(view.getByRole("heading", { name: "Snapshot shop", level: 1 })).toBeVisible();
  const saved = await flowFromApi(request, new URL(view.url()).pathname.split("/").pop()!);
  expect(saved.id).not.toBe(flow.id);
  expect(saved.name).toBe("Snapshot shop");
  expect(saved.graph).toEqual(flow.graph);

  await view.goto(link.slice(0, link.length - 40));
  await expect(view.getByRole("heading", { level: 1 })).toHaveText("This snapshot link cannot be opened");
  await expect(view.getByRole("main").getByRole("alert")).toContainText("This snapshot link is damaged");
  await viewer.close();
});

test("AsyncAPI export, then import, gives the flow back in one undoable step", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shop API", graph: ecommerce });
  await designer.open(flow);
  const downloading = page.waitForEvent("download");
  await flowMenu(page, "Export AsyncAPI");
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("shop-api.asyncapi.yaml");
  const file = await download.path();
  expect(readFileSync(file, "utf8")).toMatch(/^asyncapi: 3\.0\.0/m);

  await designer.select("Consumer Recommendations");
  await page.keyboard.press("Delete");
  await expect(designer.nodes()).toHaveCount(8);
  await designer.expectSaved();

  await flowMenu(page, "Import AsyncAPI");
  const dialog = page.getByRole("dialog", { name: "Import AsyncAPI" });
  await dialog.getByLabel("AsyncAPI file").setInputFiles(file);
  await expect(
    dialog.getByText("becomes a flow of 3 topics, 1 producer, 5 consumers, 8 connections"),
  ).toBeVisible();
  await expect(designer.nodes()).toHaveCount(8); // nothing changes before the person agrees
  await dialog.getByRole("button", { name: "Replace the graph" }).click();
  await expect(dialog).toBeHidden();
  await expect(designer.nodes()).toHaveCount(9);
  await designer.expectSaved();
  expect(byId((await flowFromApi(request, flow.id)).graph)).toEqual(byId(flow.graph));

  await page.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(designer.nodes()).toHaveCount(8);

  // A foreign document: what cannot be mapped is listed before anything changes.
  await flowMenu(page, "Import AsyncAPI");
  await dialog
    .getByLabel("Or paste the document (YAML or JSON)")
    .fill(
      [
        "asyncapi: 3.0.0",
        "info: { title: Lights, version: 1.0.0 }",
        "servers: { prod: { host: mqtt.example.com, protocol: mqtt } }",
        "channels:",
        "  measured: { address: 'light/measured' }",
        "operations:",
        "  report: { action: send, channel: { $ref: '#/channels/measured' } }",
      ].join("\n"),
    );
  await dialog.getByRole("button", { name: "Review" }).click();
  await expect(dialog.getByRole("region", { name: "Not imported" })).toContainText("servers");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(designer.nodes()).toHaveCount(8);
});
