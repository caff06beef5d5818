import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRecord, ViewLink } from "@/lib/api/flows";
import { ZEventEnvelope } from "@/lib/events";
import { consumerKind, producerKind, topicKind, type FlowGraph } from "@/lib/flow";
import { applyMigrations } from "../db/migrate";

// Exporting recorded events (NDJSON of CloudEvents) and one event's trace, through the routes.
const dir = mkdtempSync(join(tmpdir(), "eventloom-export-"));
process.env.DATABASE_URL = `file:${join(dir, "db.sqlite")}`;
applyMigrations(join(dir, "db.sqlite"));
const flows = await import("@/app/api/flows/route");
const events = await import("@/app/api/flows/[id]/events/route");
const trace = await import("@/app/api/flows/[id]/events/[eventId]/trace/route");
const viewLink = await import("@/app/api/flows/[id]/view-link/route");
const { services } = await import("../services/container");

const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    {
      id: "p",
      kind: "producer",
      position: { x: 0, y: 0 },
      config: { ...producerKind.defaults(), mode: "manual" },
    },
    { id: "t", kind: "topic", position: { x: 0, y: 0 }, config: { ...topicKind.defaults(), partitions: 1 } },
    {
      id: "ok",
      kind: "consumer",
      position: { x: 0, y: 0 },
      config: { ...consumerKind.defaults(), group: "billing", processingMs: { min: 0, max: 0 } },
    },
    {
      id: "bad",
      kind: "consumer",
      position: { x: 0, y: 0 },
      config: {
        ...consumerKind.defaults(),
        group: "mailer",
        processingMs: { min: 0, max: 0 },
        failureRatePct: 100,
        retry: { maxAttempts: 1, backoff: "fixed", initialDelayMs: 0, maxDelayMs: 0 },
      },
    },
  ],
  edges: [
    { id: "pub", kind: "publishes", source: "p", target: "t" },
    { id: "s1", kind: "subscribes", source: "t", target: "ok" },
    { id: "s2", kind: "subscribes", source: "t", target: "bad" },
  ],
};

const get = (
  handler: (r: Request, c: never) => Promise<Response>,
  path: string,
  params: Record<string, string>,
) => handler(new Request(`http://t${path}`), { params: Promise.resolve(params) } as never);
const lines = async (response: Response) =>
  (await response.text())
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line));
let flowId: string;

beforeAll(async () => {
  const created: FlowRecord = await (
    await flows.POST(
      new Request("http://t/", { method: "POST", body: JSON.stringify({ name: "Export", graph }) }),
    )
  ).json();
  flowId = created.id;
  expect((await get(events.GET, "/?", { id: flowId })).status).toBe(404);
  expect((await services().deploy(flowId)).ok).toBe(true);
  services().runs.run(flowId)!.fire("p", 5);
  const deadline = Date.now() + 5000;
  while (
    services().runs.run(flowId)!.metrics().nodes.bad.counts.dropped < 5 ||
    services().runs.run(flowId)!.metrics().nodes.ok.counts.acked < 5
  ) {
    if (Date.now() > deadline) throw new Error("the run did not finish its 5 events");
    await new Promise((r) => setTimeout(r, 20));
  }
});

afterAll(async () => {
  await services().runs.stopAll(0);
  rmSync(dir, { recursive: true, force: true });
});

describe("recorded events export", () => {
  it("downloads every recorded event once, as NDJSON of valid CloudEvents", async () => {
    const response = await get(events.GET, "/", { id: flowId });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/x-ndjson; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="events.ndjson"');
    const all = await lines(response);
    expect(all).toHaveLength(5);
    expect(new Set(all.map((e) => e.id)).size).toBe(5);
    for (const event of all) expect(ZEventEnvelope.safeParse(event).success).toBe(true);
  });

  it("applies the inspector's filter: outcome, group, free text over payloads, limit", async () => {
    expect(await lines(await get(events.GET, "/?outcome=dropped", { id: flowId }))).toHaveLength(5);
    expect(
      await lines(await get(events.GET, "/?outcome=dropped&group=billing", { id: flowId })),
    ).toHaveLength(0);
    expect(await lines(await get(events.GET, "/?nodeId=bad&outcome=failed", { id: flowId }))).toHaveLength(5);
    const first = (await lines(await get(events.GET, "/", { id: flowId })))[0];
    const byPayload = await lines(
      await get(events.GET, `/?text=${encodeURIComponent(first.data.orderId.toUpperCase())}`, { id: flowId }),
    );
    expect(byPayload.map((e) => e.id)).toEqual([first.id]);
    expect(await lines(await get(events.GET, "/?limit=2", { id: flowId }))).toHaveLength(2);
    const bad = await get(events.GET, "/?outcome=exploded", { id: flowId });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues[0].path).toBe("outcome");
  });

  it("downloads one event's trace as JSON, for editors and viewers; 404 for what is not held", async () => {
    const first = (await lines(await get(events.GET, "/", { id: flowId })))[0];
    const response = await get(trace.GET, "/", { id: flowId, eventId: first.id });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-disposition")).toMatch(
      /^attachment; filename="trace-[A-Za-z0-9_-]+\.json"$/,
    );
    const body = await response.json();
    expect(body.events.map((e: { id: string }) => e.id)).toEqual([first.id]);
    expect(
      body.records.map((r: { outcome: string; nodeId: string }) => `${r.outcome}@${r.nodeId}`).sort(),
    ).toEqual(
      ["acked@ok", "delivered@bad", "delivered@ok", "dropped@bad", "failed@bad", "published@p"].sort(),
    );
    const link: ViewLink = await (
      await viewLink.POST(new Request("http://t/", { method: "POST" }), {
        params: Promise.resolve({ id: flowId }),
      })
    ).json();
    expect((await get(trace.GET, "/", { id: link.token, eventId: first.id })).status).toBe(200);
    expect(await lines(await get(events.GET, "/", { id: link.token }))).toHaveLength(5);
    expect((await get(trace.GET, "/", { id: flowId, eventId: "missing" })).status).toBe(404);
    expect((await get(events.GET, "/", { id: "AAAAAAAAAAAAAAAAAAAAAA" })).status).toBe(404);
  });
});
