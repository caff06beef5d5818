import { readFileSync } from "node:fs";
import { expect, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import type { FlowGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";

/** The e-commerce template, with changes to its consumers' configs for a test. */
export function ecommerceGraph(consumers: Record<string, Record<string, unknown>> = {}): FlowGraph {
  const graph = JSON.parse(
    readFileSync(new URL("../../examples/ecommerce-orders.json", import.meta.url), "utf8"),
  ) as FlowGraph;
  for (const node of graph.nodes) {
    if (node.kind === "consumer" && consumers[node.id]) Object.assign(node.config, consumers[node.id]);
  }
  return graph;
}

export async function createFlow(
  request: APIRequestContext,
  name: string,
  graph: FlowGraph,
): Promise<FlowRecord> {
  const response = await request.post("/api/flows", { data: { name, graph } });
  expect(response.status()).toBe(201);
  return (await response.json()) as FlowRecord;
}

/** The event inspector as a person sees it (on the flow's live page). */
export class InspectorPage {
  readonly region: Locator;
  readonly table: Locator;
  readonly bodyRows: Locator;

  constructor(readonly page: Page) {
    this.region = page.getByRole("region", { name: "Event inspector" });
    this.table = this.region.getByRole("table", { name: "Deliveries" });
    this.bodyRows = this.table.getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
  }

  async open(flow: FlowRecord) {
    await this.page.goto(`/flows/${flow.id}/live`);
    await expect(this.region).toBeVisible();
  }

  async deploy() {
    await this.page.getByRole("button", { name: "Deploy", exact: true }).click();
    await expect(this.region.getByText(/^Running v\d+$/)).toBeVisible();
  }

  /** Rows the table holds (not only those in view). */
  async rowCount(): Promise<number> {
    return Number(await this.table.getAttribute("aria-rowcount")) - 1;
  }

  /** The current value a dashboard chart shows for a node, by the chart's title. */
  async dashboardFigure(
    node: string,
    metric: "Throughput" | "Lag" | "Error rate" | "Latency p99",
  ): Promise<number> {
    const group = this.region.getByRole("group", { name: node, exact: true });
    const figure = group.getByRole("figure", { name: new RegExp(`^${metric}\\b`) });
    return Number(await figure.locator("data").getAttribute("value"));
  }
}
