import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { FlowRecord } from "@/lib/api/flows";
import { applyMigrations } from "../db/migrate";
import { prismaFor } from "../db/client";

// The route handlers against a real SQLite file whose storage is made to fail: a size cap, a
// full "disk" (SQLite's page limit gives the same SQLITE_FULL) and a read-only connection.
const dir = mkdtempSync(join(tmpdir(), "eventloom-storage-"));
const url = `file:${join(dir, "api.db")}`;
process.env.DATABASE_URL = url;
process.env.MAX_REVISIONS_PER_FLOW = "3";
process.env.MAX_DATABASE_MB = "1";
applyMigrations(join(dir, "api.db"));
const flows = await import("@/app/api/flows/route");
const flow = await import("@/app/api/flows/[id]/route");
const fork = await import("@/app/api/flows/[id]/fork/route");
const revisions = await import("@/app/api/flows/[id]/revisions/route");
const restore = await import("@/app/api/flows/[id]/revisions/[version]/restore/route");
const health = await import("@/app/api/health/route");
const db = prismaFor(url);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const request = (method: string, body?: unknown) =>
  new Request("http://test.local/api", {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const create = (body: unknown = {}) => flows.POST(request("POST", body));
const rename = (id: string, name: string, baseVersion: number) =>
  flow.PUT(request("PUT", { name, baseVersion }), ctx({ id }));
const revisionVersions = async (id: string) =>
  (await (await revisions.GET(request("GET"), ctx({ id }))).json()).revisions.map(
    (r: { version: number }) => r.version,
  );
/** A valid graph of about `kb` KB: topics with long labels. */
const bigGraph = (kb: number) => ({
  schemaVersion: 1,
  nodes: Array.from({ length: Math.ceil((kb * 1024) / 300) }, (_, i) => ({
    id: `t${i}`,
    kind: "topic",
    label: "x".repeat(200),
    position: { x: i, y: 0 },
    config: { name: `topic-${i}`, partitions: 1, retention: { maxEventsPerPartition: 100, maxAgeMs: 0 } },
  })),
  edges: [],
});
const healthNow = async () => {
  await new Promise((r) => setTimeout(r, 2100)); // health measures at most every 2 s
  const response = await health.GET();
  return { status: response.status, body: await response.json() };
};

describe("storage limits and failures", () => {
  it("keeps only the newest MAX_REVISIONS_PER_FLOW revisions of a flow", async () => {
    let record: FlowRecord = await (await create({ name: "v1" })).json();
    for (let v = 2; v <= 6; v++) record = await (await rename(record.id, `v${v}`, record.version)).json();
    expect(record.version).toBe(6);
    expect(await revisionVersions(record.id)).toEqual([6, 5, 4]);
    const pruned = await restore.POST(request("POST"), ctx({ id: record.id, version: "2" }));
    expect(pruned.status).toBe(404);
    expect((await pruned.json()).error).toBe(
      "This flow has no version 2 (only its newest revisions are kept)",
    );
    expect((await restore.POST(request("POST"), ctx({ id: record.id, version: "4" }))).status).toBe(200);
  });

  it("reads a stored graph nested far past the limits (saved before them) without failing", async () => {
    const deepFilter = JSON.parse('{"a":'.repeat(1465) + '{"b":["x"]}' + "}".repeat(1465));
    const graph = JSON.stringify({
      schemaVersion: 1,
      nodes: [],
      edges: [{ id: "e", kind: "subscribes", source: "t", target: "c", filter: deepFilter }],
    });
    await db.flow.create({ data: { id: "deepdeepdeepdeepdeepde", name: "Deep", graph, version: 1 } });
    await db.flowRevision.create({
      data: { flowId: "deepdeepdeepdeepdeepde", version: 1, name: "Deep", graph },
    });
    const read = await flow.GET(request("GET"), ctx({ id: "deepdeepdeepdeepdeepde" }));
    expect(read.status).toBe(200);
    expect((await read.json()).issues).toContainEqual(
      expect.objectContaining({
        path: "edges[0].filter",
        message: "a filter may nest at most 16 levels of fields",
      }),
    );
    const history = await revisions.GET(request("GET"), ctx({ id: "deepdeepdeepdeepdeepde" }));
    expect(history.status).toBe(200);
    expect((await history.json()).revisions).toEqual([expect.objectContaining({ version: 1, edgeCount: 1 })]);
  });

  it("refuses new flows (507) once the database passes MAX_DATABASE_MB, and still saves existing ones", async () => {
    const kept: FlowRecord = await (await create({ name: "Kept" })).json();
    let last: Response | undefined;
    for (let i = 0; i < 20; i++) {
      last = await create({ name: `Big ${i}`, graph: bigGraph(120) });
      if (last.status !== 201) break;
    }
    expect(last!.status, await last!.clone().text()).toBe(507);
    const message =
      "The database has reached its size limit (MAX_DATABASE_MB=1): no new flows can be created. Delete flows you no longer need, or ask the operator to raise the limit";
    expect((await last!.json()).error).toBe(message);
    const forked = await fork.POST(request("POST"), ctx({ id: kept.id }));
    expect(forked.status).toBe(507);
    expect((await rename(kept.id, "Still saved", 1)).status).toBe(200);
    const { status, body } = await healthNow();
    expect(status).toBe(200);
    expect(body.database).toMatchObject({ state: "ok", acceptsNewFlows: false, maxBytes: 1024 * 1024 });
  });

  it("answers writes with 503 when the storage is full, and health says so; reads keep working", async () => {
    const before: FlowRecord = await (
      await flow.GET(request("GET"), ctx({ id: "deepdeepdeepdeepdeepde" }))
    ).json();
    const [{ page_count }] = await db.$queryRawUnsafe<{ page_count: bigint }[]>("PRAGMA page_count");
    await db.$executeRawUnsafe(`PRAGMA max_page_count = ${Number(page_count)}`);
    try {
      const save = await flow.PUT(
        request("PUT", { graph: bigGraph(140), baseVersion: before.version }),
        ctx({ id: before.id }),
      );
      expect(save.status).toBe(503);
      expect((await save.json()).error).toBe(
        "The server's storage is full: nothing was saved. Try again later; the operator needs to free disk space",
      );
      const { status, body } = await healthNow();
      expect(status).toBe(503);
      expect(body).toMatchObject({ ok: false, database: { state: "full" } });
      const after = await flow.GET(request("GET"), ctx({ id: before.id }));
      expect(after.status).toBe(200);
      expect((await after.json()).version).toBe(before.version);
    } finally {
      await db.$executeRawUnsafe("PRAGMA max_page_count = 1073741823");
    }
    expect((await rename(before.id, "Room again", before.version)).status).toBe(200);
    expect((await healthNow()).status).toBe(200);
  });

  it("answers writes with 503 when the database is read-only, and health says so", async () => {
    const current: FlowRecord = await (
      await flow.GET(request("GET"), ctx({ id: "deepdeepdeepdeepdeepde" }))
    ).json();
    await db.$executeRawUnsafe("PRAGMA query_only = 1");
    try {
      const save = await rename(current.id, "Nope", current.version);
      expect(save.status).toBe(503);
      expect((await save.json()).error).toBe(
        "The server's database is read-only: nothing was saved. The operator needs to make the database file writable",
      );
      const { status, body } = await healthNow();
      expect(status).toBe(503);
      expect(body).toMatchObject({ ok: false, database: { state: "read-only" } });
    } finally {
      await db.$executeRawUnsafe("PRAGMA query_only = 0");
    }
    expect((await healthNow()).status).toBe(200);
  });
});
