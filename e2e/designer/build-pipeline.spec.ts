import { createFlowViaApi, flowFromApi } from "../pages/designer-page";
import { expect, test } from "../pages/fixtures";

// Where each node is dropped, from the canvas's top-left corner: three columns, four rows.
const COL = [140, 440, 740];
const ROW = [90, 230, 370, 510];

test("Build the e-commerce pipeline from the palette, configure it, and find it all after a reload", async ({
  designer,
  page,
  request,
}) => {
  const flow = await createFlowViaApi(request, { name: "Shop by hand" });
  await designer.open(flow);
  await expect(page.getByText("Drag a Producer here to start")).toBeVisible();

  const drop = async (
    kind: "Producer" | "Topic" | "Consumer",
    col: number,
    row: number,
    field?: [string, string],
  ) => {
    await designer.dragFromPalette(kind, { x: COL[col], y: ROW[row] });
    if (field) await designer.field(field[0]).fill(field[1]);
  };
  await drop("Producer", 0, 0);
  await designer.field("Rate (events per second)").fill("20");
  await drop("Topic", 1, 0, ["Topic name", "orders"]);
  await drop("Consumer", 2, 0, ["Consumer group", "payment"]);
  await drop("Consumer", 2, 1, ["Consumer group", "inventory"]);
  await drop("Consumer", 2, 2, ["Consumer group", "email"]);
  await designer.field("Failure rate (%)").fill("10");
  await drop("Consumer", 2, 3, ["Consumer group", "recommendations"]);
  await drop("Topic", 0, 2, ["Topic name", "payments"]);
  await drop("Topic", 1, 2, ["Topic name", "email.dlq"]);
  await drop("Consumer", 0, 3, ["Consumer group", "checkout"]);
  await expect(designer.nodes()).toHaveCount(9);

  await designer.connect("Producer order.placed", "Topic orders");
  for (const group of ["payment", "inventory", "email", "recommendations"])
    await designer.connect("Topic orders", `Consumer ${group}`);
  await designer.connect("Consumer payment", "Topic payments");
  const chooser = page.getByRole("dialog", { name: "Connection kind" });
  await chooser.getByRole("button", { name: "replies", exact: true }).click();
  await designer.connect("Consumer email", "Topic email.dlq");
  await chooser.getByRole("button", { name: "dead-letters", exact: true }).click();
  await designer.connect("Topic payments", "Consumer checkout");

  const edges = [
    "order.placed publishes orders",
    "orders subscribes payment",
    "orders subscribes inventory",
    "orders subscribes email",
    "orders subscribes recommendations",
    "payment replies payments",
    "email dead-letters email.dlq",
    "payments subscribes checkout",
  ];
  for (const name of edges) await expect(designer.edge(name)).toHaveCount(1);
  await expect(designer.edges()).toHaveCount(8);
  await designer.expectSaved();

  await page.reload();
  await expect(designer.nodes()).toHaveCount(9);
  for (const name of edges) await expect(designer.edge(name)).toHaveCount(1);
  await designer.select("Producer order.placed");
  await expect(designer.field("Rate (events per second)")).toHaveValue("20");
  await designer.select("Consumer email");
  await expect(designer.field("Failure rate (%)")).toHaveValue("10");

  const saved = await flowFromApi(request, flow.id);
  expect(saved.issues).toEqual([]);
  expect(saved.graph.edges.map((e) => e.kind).sort()).toEqual([
    "dead-letters",
    "publishes",
    "replies",
    "subscribes",
    "subscribes",
    "subscribes",
    "subscribes",
    "subscribes",
  ]);
  const producer = saved.graph.nodes.find((n) => n.kind === "producer");
  expect(producer?.kind === "producer" && producer.config.ratePerSec).toBe(20);
  const email = saved.graph.nodes.find((n) => n.kind === "consumer" && n.config.group === "email");
  expect(email?.kind === "consumer" && email.config.failureRatePct).toBe(10);
});
