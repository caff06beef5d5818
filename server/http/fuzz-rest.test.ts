import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import example from "@/examples/ecommerce-orders.json";
import type { FlowRecord } from "@/lib/api/flows";
import { applyMigrations } from "../db/migrate";

// Property-based fuzzing of every REST route that takes input (bodies, path parameters,
// queries): whatever arrives, the answer is never a 5xx, and a refused write changes nothing.
const dir = mkdtempSync(join(tmpdir(), "eventloom-fuzz-"));
process.env.DATABASE_URL = `file:${join(dir, "fuzz.db")}`;
applyMigrations(join(dir, "fuzz.db"));
const flows = await import("@/app/api/flows/route");
const flow = await import("@/app/api/flows/[id]/route");
const revisions = await import("@/app/api/flows/[id]/revisions/route");
const restore = await import("@/app/api/flows/[id]/revisions/[version]/restore/route");
const fork = await import("@/app/api/flows/[id]/fork/route");
const viewLink = await import("@/app/api/flows/[id]/view-link/route");
const events = await import("@/app/api/flows/[id]/events/route");
const trace = await import("@/app/api/flows/[id]/events/[eventId]/trace/route");
const deploy = await import("@/app/api/flows/[id]/deploy/route");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RUNS = 100;
const request = (method: string, body?: string, query = "") =>
  new Request(`http://test.local/api${query}`, {
    method,
    body,
    headers: { "content-type": "application/json" },
  });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

/** Every path into a JSON value, so a mutation can land anywhere in a graph. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const keys = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  return [
    prefix,
    ...keys.flatMap((k) => pathsOf((value as Record<string | number, unknown>)[k], [...prefix, k])),
  ];
}
const examplePaths = pathsOf(example);
/** The example graph with the value at one path replaced (or that key removed). */
const mutatedGraph = fc
  .tuple(
    fc.nat(),
    fc.oneof(fc.jsonValue({ maxDepth: 4 }), fc.constant(undefined), fc.string({ unit: "binary" })),
  )
  .map(([n, value]) => {
    const graph = structuredClone(example) as Record<string | number, unknown>;
    const path = examplePaths[n % examplePaths.length];
    if (path.length === 0) return value;
    let parent = graph;
    for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
    const last = path[path.length - 1];
    if (value === undefined) delete parent[last];
    else parent[last] = value;
    return graph;
  });
const bodyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? "null"),
  fc
    .record(
      { name: fc.oneof(fc.string({ unit: "binary" }), fc.jsonValue()), graph: mutatedGraph },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);
const pathParam = fc.oneof(
  fc.string({ unit: "binary", maxLength: 80 }),
  fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String),
  fc.constantFrom("1", "0", "2147483647", "2147483648", "NaN", "1e3", "-0", "__proto__", "constructor"),
);
const statusOf = async (response: Response | Promise<Response>) => (await response).status;

let saved: FlowRecord;
beforeAll(async () => {
  saved = await (
    await flows.POST(request("POST", JSON.stringify({ name: "Fuzzed", graph: example })))
  ).json();
});
const current = async () => (await flow.GET(request("GET"), ctx({ id: saved.id }))).json();

describe("REST fuzzing", () => {
  it("POST /api/flows answers any body with 201 or a 4xx, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(bodyText, async (body) => {
        const status = await statusOf(flows.POST(request("POST", body)));
        expect(status === 201 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it("PUT /api/flows/:id never answers 5xx, and a refused save leaves the stored flow as it was", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodyText,
          fc
            .record({
              graph: mutatedGraph,
              baseVersion: fc.oneof(fc.jsonValue(), fc.constant(saved.version)),
            })
            .map((v) => JSON.stringify(v)),
        ),
        async (body) => {
          const before = await current();
          const status = await statusOf(flow.PUT(request("PUT", body), ctx({ id: saved.id })));
          expect(status < 500, `status ${status}`).toBe(true);
          if (status >= 400) expect(await current()).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("every route answers any path parameter and query without a 5xx, and refused ones change nothing", async () => {
    await fc.assert(
      fc.asyncProperty(
        pathParam,
        pathParam,
        fc.dictionary(fc.string({ maxLength: 10 }), fc.string({ unit: "binary", maxLength: 30 }), {
          maxKeys: 4,
        }),
        async (id, other, query) => {
          const before = await current();
          const search = `?${new URLSearchParams(query)}`;
          const statuses = await Promise.all([
            statusOf(flow.GET(request("GET"), ctx({ id }))),
            statusOf(revisions.GET(request("GET", undefined, search), ctx({ id: saved.id }))),
            statusOf(revisions.GET(request("GET", undefined, search), ctx({ id }))),
            statusOf(restore.POST(request("POST"), ctx({ id: saved.id, version: other }))),
            statusOf(restore.POST(request("POST"), ctx({ id, version: other }))),
            statusOf(events.GET(request("GET", undefined, search), ctx({ id }))),
            statusOf(trace.GET(request("GET"), ctx({ id: saved.id, eventId: other }))),
            statusOf(fork.POST(request("POST"), ctx({ id }))),
            statusOf(viewLink.DELETE(request("DELETE"), ctx({ id }))),
            statusOf(deploy.POST(request("POST"), ctx({ id }))),
          ]);
          for (const status of statuses) expect(status < 500, `status ${status}`).toBe(true);
          const after = await current();
          if (after.version === before.version) expect(after).toEqual(before);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
