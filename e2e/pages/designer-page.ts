import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { FlowGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";

type Kind = "Producer" | "Topic" | "Consumer";

/** Creates a flow through the REST API (as the home page would) and returns the record. */
export async function createFlowViaApi(
  request: APIRequestContext,
  body: { name?: string; graph?: FlowGraph } = {},
): Promise<FlowRecord> {
  const response = await request.post("/api/flows", { data: body });
  expect(response.status()).toBe(201);
  return (await response.json()) as FlowRecord;
}

export async function flowFromApi(request: APIRequestContext, id: string): Promise<FlowRecord> {
  const response = await request.get(`/api/flows/${id}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as FlowRecord;
}

/** The designer as a person sees it: palette, canvas, properties panel, top bar. */
export class DesignerPage {
  readonly canvas: Locator;
  readonly palette: Locator;
  readonly properties: Locator;
  readonly saveStatus: Locator;

  constructor(readonly page: Page) {
    this.canvas = page.getByRole("region", { name: "Canvas" });
    this.palette = page.getByRole("navigation", { name: "Palette" });
    this.properties = page.getByRole("complementary", { name: "Properties" });
    this.saveStatus = page.getByRole("banner").getByRole("status");
  }

  async open(flow: { id: string; name: string }) {
    await this.page.goto(`/flows/${flow.id}`);
    await expect(this.page.getByRole("heading", { name: flow.name, level: 1 })).toBeVisible();
  }

  node(name: string): Locator {
    return this.canvas.getByRole("group", { name, exact: true });
  }

  /** Edges are named "<from> <kind> <to>", e.g. "order.placed publishes orders". */
  edge(name: string): Locator {
    return this.canvas.getByRole("group", { name, exact: true });
  }

  edges(): Locator {
    return this.canvas.locator('[aria-roledescription="edge"]');
  }

  nodes(): Locator {
    return this.canvas.locator('[aria-roledescription="node"]');
  }

  /** Drags a palette item onto the canvas, `at` measured from the canvas's top-left corner. */
  async dragFromPalette(kind: Kind, at: { x: number; y: number }) {
    await this.palette
      .getByRole("button", { name: `Add ${kind}` })
      .dragTo(this.canvas, { targetPosition: at });
  }

  field(label: string): Locator {
    return this.properties.getByLabel(label, { exact: true });
  }

  /** Drags from one node's output handle to another's input handle, without releasing. */
  async startConnection(from: string, to: string) {
    const source = await this.page.getByLabel(`Output of ${from}`, { exact: true }).boundingBox();
    const target = await this.page.getByLabel(`Input of ${to}`, { exact: true }).boundingBox();
    if (!source || !target) throw new Error(`handles of ${from} → ${to} are not on screen`);
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 12 });
  }

  async connect(from: string, to: string) {
    await this.startConnection(from, to);
    await this.page.mouse.up();
  }

  async select(nodeName: string) {
    await this.node(nodeName).click();
    await expect(this.properties.getByRole("heading", { level: 2 })).toContainText(
      nodeName.replace(/^(Producer|Topic|Consumer) /, ""),
    );
  }

  /** Presses the canvas's Zoom In or Zoom Out button `times` times. */
  async zoom(direction: "In" | "Out", times: number) {
    const button = this.page.getByRole("button", { name: `Zoom ${direction}` });
    for (let i = 0; i < times; i++) await button.click();
  }

  async menu(item: "Export" | "Import" | "History" | "Keyboard shortcuts") {
    await this.page.getByRole("banner").getByRole("button", { name: "Menu" }).click();
    await this.page.getByRole("menuitem", { name: item, exact: true }).click();
  }

  async expectSaved() {
    await expect(this.saveStatus).toHaveText("Saved");
  }
}
