import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import type { FlowRecord } from "@/lib/api/flows";
import { LiveDesignerPage } from "../live/live-designer-page";

// A webhook consumer delivering to a receiver this test starts: events sent in over HTTP are
// POSTed to it, signed; the acks and the receiver's answer show in the inspector.
const SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const stops: string[] = [];
let receiver: Server;
let receiverUrl: string;
const verified: unknown[] = [];
test.beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const headers = {
        "webhook-id": String(req.headers["webhook-id"]),
        "webhook-timestamp": String(req.headers["webhook-timestamp"]),
        "webhook-signature": String(req.headers["webhook-signature"]),
      };
      verified.push(new Webhook(SECRET).verify(body, headers));
      res.writeHead(200, { "content-type": "application/json" }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/orders`;
});
test.afterAll(async () => {
  receiver.closeAllConnections();
  await new Promise((resolve) => receiver.close(resolve));
});
test.afterEach(async ({ request }) => {
  for (const id of stops.splice(0)) await request.post(`/api/flows/${id}/stop`);
});

test("A webhook consumer delivers to a local receiver, signed; acks and the answer show in the inspector", async ({
  page,
  request,
}) => {
  const graph = {
    schemaVersion: 1,
    nodes: [
      {
        id: "orders",
        kind: "topic",
        position: { x: 0, y: 0 },
        config: { name: "orders", partitions: 1, retention: { maxEventsPerPartition: 1000, maxAgeMs: 0 } },
      },
      {
        id: "notify",
        kind: "consumer",
        position: { x: 320, y: 0 },
        config: {
          group: "notify",
          concurrency: 1,
          processingMs: { min: 0, max: 0 },
          failureRatePct: 0,
          retry: { maxAttempts: 3, backoff: "fixed", initialDelayMs: 100, maxDelayMs: 100 },
          online: true,
          action: "webhook",
          webhookUrl: receiverUrl,
          webhookTimeoutMs: 2000,
          webhookSecret: SECRET,
        },
      },
    ],
    edges: [{ id: "sub", kind: "subscribes", source: "orders", target: "notify" }],
  };
  const created = await request.post("/api/flows", { data: { name: "Webhook shop", graph } });
  expect(created.status()).toBe(201);
  const flow = (await created.json()) as FlowRecord;
  stops.push(flow.id);
  const designer = new LiveDesignerPage(page);
  await designer.open(flow);
  await designer.select("Consumer notify");
  await expect(designer.field("Webhook URL")).toHaveValue(receiverUrl);
  await designer.deploy();

  const key = await (
    await request.post(`/api/flows/${flow.id}/ingest-keys`, { data: { name: "e2e" } })
  ).json();
  for (const n of [1, 2]) {
    const sent = await request.post("/ingest/topics/orders", {
      headers: { authorization: `Bearer ${key.key}`, "content-type": "application/json" },
      data: JSON.stringify({ order: n }),
    });
    expect(sent.status()).toBe(202);
  }
  await expect.poll(() => verified.length).toBe(2);
  expect(verified).toEqual([{ order: 1 }, { order: 2 }]);

  const acked = designer.bodyRows.filter({ hasText: "acked" });
  await expect(acked).toHaveCount(2, { timeout: 5_000 });
  await acked.first().click();
  const detail = designer.inspector.getByRole("region", { name: "Event detail" });
  await expect(detail.getByText("HTTP status")).toBeVisible();
  await expect(detail.getByRole("definition").filter({ hasText: /^200$/ })).toBeVisible();
  await expect(detail.getByLabel("HTTP answer")).toHaveText('{"received":true}');
});
