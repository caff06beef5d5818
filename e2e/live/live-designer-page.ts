import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { FlowRecord } from "@/lib/api/flows";
import { DesignerPage } from "../pages/designer-page";

/** The e-commerce template as the home page would create it: POST /api/flows with the example graph. */
export async function createEcommerceFlow(request: APIRequestContext, name: string): Promise<FlowRecord> {
  const graph = JSON.parse(
    readFileSync(new URL("../../examples/ecommerce-orders.json", import.meta.url), "utf8"),
  );
  const response = await request.post("/api/flows", { data: { name, graph } });
  expect(response.status()).toBe(201);
  return (await response.json()) as FlowRecord;
}

const number = (text: string) => Number(text.replace(/[^0-9.]/g, ""));

/** The designer with its live run: top bar run state, inspector drawer, live figures on nodes. */
export class LiveDesignerPage extends DesignerPage {
  readonly banner: Locator;
  readonly inspector: Locator;
  readonly table: Locator;
  readonly bodyRows: Locator;
  readonly liveRun: Locator;

  constructor(page: Page) {
    super(page);
    this.banner = page.getByRole("banner");
    this.inspector = page.getByRole("region", { name: "Event inspector" });
    this.table = this.inspector.getByRole("table", { name: "Deliveries" });
    this.bodyRows = this.table.getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
    this.liveRun = this.properties.getByRole("region", { name: "Live run" });
  }

  /** Deploys (saving unsaved edits first) and waits until the top bar says it runs. */
  async deploy() {
    await this.banner.getByRole("button", { name: /^(Deploy|Redeploy)$/ }).click();
    await expect(this.banner.getByRole("button", { name: "Stop", exact: true })).toBeVisible();
    await expect(this.banner.getByText(/^Running v\d+$/)).toBeVisible();
  }

  async stop() {
    await this.banner.getByRole("button", { name: "Stop", exact: true }).click();
    await expect(this.banner.getByText("Stopped", { exact: true })).toBeVisible();
    await expect(this.inspector.getByRole("button", { name: "Show events" })).toBeVisible();
  }

  /** Rows the table holds (not only those in view). */
  async rowCount(): Promise<number> {
    return Number(await this.table.getAttribute("aria-rowcount")) - 1;
  }

  /**
   * One live figure on a node's card ("in", "out", "lag", "in flight", "errors", "events",
   * "acked", "tries"), as a number. A consumer's incoming attempts are named "tries" on the card
   * (they include retries), so "in" of a consumer reads that figure.
   */
  figure(nodeName: string, label: string): Locator {
    if (nodeName.startsWith("Consumer ") && label === "in") label = "tries";
    return this.node(nodeName)
      .getByRole("list", { name: "Live figures" })
      .getByRole("listitem")
      .filter({ hasText: new RegExp(`^${label}( [0-9.,]+(/s)?)?$`) });
  }

  async figureValue(nodeName: string, label: string): Promise<number> {
    return number(await this.figure(nodeName, label).innerText());
  }

  /** Types into a field of the properties form (autosave follows). */
  async setField(label: string, value: string) {
    await this.field(label).fill(value);
  }
}
