import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import type { FlowRecord } from "@/lib/api/flows";
import { createTestDatabase, testDatabaseKind } from "../db/test-databases";

// The route handlers themselves, against a real database of their own (SQLite here;
// flows-api.postgres.test.ts runs the same file against PostgreSQL).
const database = await createTestDatabase(testDatabaseKind());
process.env.DATABASE_URL = database.url;
const flows = await import("@/app/api/flows/route");
const flow = await import("@/app/api/flows/[id]/route");
const revisions = await import("@/app/api/flows/[id]/revisions/route");
const restore = await import("@/app/api/flows/[id]/revisions/[version]/restore/route");
const health = await import("@/app/api/health/route");

const base = "http://test.local";
const json = (method: string, path: string, body?: unknown) =>
  new Request(base + path, {
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json" },
  });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });
const create = async (body?: unknown) => (await flows.POST(json("POST", "/api/flows", body))) as Response;
const get = (id: string) => flow.GET(json("GET", `/api/flows/${id}`), ctx({ id }));
const put = (id: string, body: unknown) => flow.PUT(json("PUT", `/api/flows/${id}`, body), ctx({ id }));

let created: FlowRecord;
beforeAll(async () => {
  created = await (await create({ name: "Shop", graph: example })).json();
});
afterAll(() => database.drop());

describe("REST API for flows", () => {
  it("reports health", async () => {
    const response = await health.GET();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      version: "0.1.0",
      uptimeSeconds: expect.any(Number),
      database: {
        state: "ok",
        sizeBytes: expect.any(Number),
        maxBytes: 2048 * 1024 * 1024,
        // Free disk is known for an SQLite file, not for a PostgreSQL server elsewhere.
        freeDiskBytes: process.env.DATABASE_URL!.startsWith("file:") ? expect.any(Number) : null,
        acceptsNewFlows: true,
      },
    });
  });

  it("POST creates a flow with an unguessable id (201), empty graph by default", async () => {
    const response = await create();
    expect(response.status).toBe(201);
    const body: FlowRecord = await response.json();
    expect(body).toMatchObject({
      name: "Untitled flow",
      version: 1,
      graph: { schemaVersion: 2, nodes: [], edges: [] },
      issues: [
        {
          path: "nodes",
          message:
            "the flow is empty: drag a Producer, a Topic and a Consumer onto the canvas and connect them",
          severity: "warning",
        },
      ],
    });
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(body.id, "base64url").length).toBe(16);
    expect(created.id).not.toBe(body.id);
  });

  it("GET returns the flow; unknown and malformed ids are 404", async () => {
    const response = await get(created.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(created);
    for (const id of ["AAAAAAAAAAAAAAAAAAAAAA", "../../etc/passwd", "x".repeat(5000)]) {
      const missing = await get(id);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({
        error: "No flow with this id: check the link, or create a new flow",
      });
    }
  });

  it("POST refuses malformed JSON, wrong types, unknown fields and invalid graphs with 400", async () => {
    const bad = await create("{oops");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/^The request body is not valid JSON/);
    const wrong = await create({ name: 42, colour: "red" });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).issues).toEqual([
      { path: "name", message: "Invalid input: expected string, received number" },
      { path: "(body)", message: "unknown field 'colour'" },
    ]);
    const graph = structuredClone(example);
    graph.nodes[1].config.partitions = 0;
    const invalid = await create({ graph });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toEqual({
      error: "The graph has 1 problem",
      issues: [{ path: "nodes[1].config.partitions", message: "must be at least 1" }],
    });
  });

  it("refuses bodies over 1 MB with 413", async () => {
    const response = await create({ name: "x", graph: { padding: "y".repeat(1024 * 1024) } });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({ error: "The request body is over 1 MB" });
  });

  it("PUT saves a new version (200), 409 on a stale base with the current flow, 400 on an invalid graph, 404 unknown", async () => {
    const fresh: FlowRecord = await (await create({ name: "Versioned" })).json();
    const v2 = await put(fresh.id, { graph: example, baseVersion: 1 });
    expect(v2.status).toBe(200);
    const saved: FlowRecord = await v2.json();
    expect([saved.version, saved.name, saved.graph]).toEqual([2, "Versioned", example]);

    const stale = await put(fresh.id, { name: "Lost", baseVersion: 1 });
    expect(stale.status).toBe(409);
    const conflict = await stale.json();
    expect(conflict.error).toBe(
      "This flow was changed elsewhere: it is at version 2, your edit was based on version 1",
    );
    expect(conflict.current).toEqual(saved);

    const invalid = await put(fresh.id, {
      graph: { schemaVersion: 1, nodes: [{ id: "x" }], edges: [] },
      baseVersion: 2,
    });
    expect(invalid.status).toBe(400);
    const nothing = await put(fresh.id, { baseVersion: 2 });
    expect(nothing.status).toBe(400);
    expect((await nothing.json()).issues).toEqual([
      { path: "graph", message: "send a name, a graph or both" },
    ]);
    expect(await (await get(fresh.id)).json()).toEqual(saved);

    expect((await put("AAAAAAAAAAAAAAAAAAAAAA", { name: "x", baseVersion: 1 })).status).toBe(404);
  });

  it("concurrent PUTs on the same base: exactly one wins, the other gets 409", async () => {
    const fresh: FlowRecord = await (await create({ name: "Race" })).json();
    const results = await Promise.all([
      put(fresh.id, { name: "A", baseVersion: 1 }),
      put(fresh.id, { name: "B", baseVersion: 1 }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect((await (await get(fresh.id)).json()).version).toBe(2);
  });

  it("lists revisions newest first with pagination, and restores one as a new version", async () => {
    const fresh: FlowRecord = await (await create({ name: "r1" })).json();
    for (let v = 1; v <= 4; v++)
      expect((await put(fresh.id, { name: `r${v + 1}`, baseVersion: v })).status).toBe(200);
    const list = (query: string) =>
      revisions.GET(json("GET", `/api/flows/${fresh.id}/revisions${query}`), ctx({ id: fresh.id }));
    const page1 = await (await list("?limit=2")).json();
    expect(page1.revisions.map((r: { version: number; name: string }) => [r.version, r.name])).toEqual([
      [5, "r5"],
      [4, "r4"],
    ]);
    expect(page1.nextBefore).toBe(4);
    const page3 = await (await list("?limit=2&before=2")).json();
    expect(page3).toEqual({
      revisions: [
        {
          version: 1,
          name: "r1",
          label: null,
          editors: [],
          createdAt: expect.any(String),
          nodeCount: 0,
          edgeCount: 0,
          changes: null,
          renamedFrom: null,
        },
      ],
      nextBefore: null,
    });
    expect((await list("?limit=0")).status).toBe(400);
    expect((await list("?limit=abc")).status).toBe(400);

    const restored = await restore.POST(json("POST", "/"), ctx({ id: fresh.id, version: "2" }));
    expect(restored.status).toBe(200);
    expect(await restored.json()).toMatchObject({ version: 6, name: "r2" });
    expect((await restore.POST(json("POST", "/"), ctx({ id: fresh.id, version: "99" }))).status).toBe(404);
    expect((await restore.POST(json("POST", "/"), ctx({ id: fresh.id, version: "two" }))).status).toBe(400);
    expect(
      (await restore.POST(json("POST", "/"), ctx({ id: "AAAAAAAAAAAAAAAAAAAAAA", version: "1" }))).status,
    ).toBe(404);
  });

  it("each revision says who edited and what changed since the one before, and a version can be named", async () => {
    const fresh: FlowRecord = await (await create({ name: "Named", graph: example })).json();
    const graph = structuredClone(fresh.graph);
    graph.nodes = graph.nodes.filter((n) => n.id !== "recommendations");
    graph.edges = graph.edges.filter((e) => e.target !== "recommendations");
    expect((await put(fresh.id, { graph, baseVersion: 1 })).status).toBe(200);
    const name = (label: unknown) =>
      revisions.POST(json("POST", `/api/flows/${fresh.id}/revisions`, { label }), ctx({ id: fresh.id }));
    const named = await name("  Before Black Friday ");
    expect(named.status).toBe(200);
    expect(await named.json()).toEqual({ version: 2, label: "Before Black Friday" });
    const page = await (
      await revisions.GET(json("GET", `/api/flows/${fresh.id}/revisions`), ctx({ id: fresh.id }))
    ).json();
    const [v2, v1] = page.revisions;
    expect(v2).toMatchObject({
      version: 2,
      label: "Before Black Friday",
      editors: ["API"],
      renamedFrom: null,
    });
    expect(v2.changes.removedNodes).toEqual({ count: 1, names: ["Recommendations"] });
    expect(v2.changes.removedEdges).toEqual({ count: 1, names: ["orders subscribes Recommendations"] });
    expect(v2.changes.addedNodes).toEqual({ count: 0, names: [] });
    expect(v1).toMatchObject({ version: 1, label: null, changes: null });
    for (const bad of ["", " ", "x".repeat(81), 7])
      expect([bad, (await name(bad)).status]).toEqual([bad, 400]);
    const unknownFlow = await revisions.POST(
      json("POST", "/", { label: "x" }),
      ctx({ id: "AAAAAAAAAAAAAAAAAAAAAA" }),
    );
    expect(unknownFlow.status).toBe(404);
  });

  it("DELETE removes the flow and its revisions (204), then 404", async () => {
    const fresh: FlowRecord = await (await create({ name: "Doomed" })).json();
    const del = () => flow.DELETE(json("DELETE", "/"), ctx({ id: fresh.id }));
    expect((await del()).status).toBe(204);
    expect((await del()).status).toBe(404);
    expect((await get(fresh.id)).status).toBe(404);
    expect((await get(created.id)).status).toBe(200);
  });
});
