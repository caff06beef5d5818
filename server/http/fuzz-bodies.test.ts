import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowRecord } from "@/lib/api/flows";
import type { IssuedIngestKey } from "@/lib/api/ingest";
import { consumer, edge, graph, topic } from "../runtime/testing/flows";
import { applyMigrations } from "../db/migrate";

// Property-based fuzzing of the request bodies fuzz-rest.test.ts does not cover: ingest keys,
// scenario runs and forecasts, and the HTTP ingest endpoint itself (bodies, content types and
// CloudEvents headers). Whatever arrives, the answer is never a 5xx and a refused write changes
// nothing.
const dir = mkdtempSync(join(tmpdir(), "eventloom-fuzz-bodies-"));
Object.assign(process.env, { DATABASE_URL: `file:${join(dir, "fuzz.db")}`, MAX_INGEST_BATCH: "20" });
applyMigrations(join(dir, "fuzz.db"));
const flowsRoute = await import("@/app/api/flows/route");
const deploy = await import("@/app/api/flows/[id]/deploy/route");
const keysRoute = await import("@/app/api/flows/[id]/ingest-keys/route");
const runsRoute = await import("@/app/api/flows/[id]/scenarios/[scenarioId]/runs/route");
const forecastRoute = await import("@/app/api/flows/[id]/scenarios/[scenarioId]/forecast/route");
const { services } = await import("../services/container");
const { ingestServices } = await import("../services/ingest-container");
const { ingestEndpoint } = await import("./ingest-endpoint");

const RUNS = 100;
const request = (body?: string) =>
  new Request("http://test.local/api", {
    method: "POST",
    body,
    headers: { "content-type": "application/json" },
  });
const ctx = <T extends Record<string, string>>(params: T) => ({ params: Promise.resolve(params) });

/** Bodies a careless or hostile client sends: bytes, any JSON, and near misses of the real shape. */
const bodyOf = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc.oneof(
    fc.string({ unit: "binary", maxLength: 200 }),
    fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? "null"),
    fc.record(fields, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
  );
const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ unit: "binary", maxLength: 80 }));

let flow: FlowRecord;
let key: IssuedIngestKey;
let server: Server;
let base: string;
const published = () => services().runs.run(flow.id)!.metrics({ latency: false }).nodes.t.counts.published;
const keys = async () => (await keysRoute.GET(request(), ctx({ id: flow.id }))).json();

beforeAll(async () => {
  const g = graph([topic("t", { partitions: 2 }), consumer("c")], [edge("subscribes", "t", "c")]);
  flow = await (await flowsRoute.POST(request(JSON.stringify({ name: "Fuzzed bodies", graph: g })))).json();
  expect((await deploy.POST(request(), ctx({ id: flow.id }))).status).toBe(200);
  key = await (await keysRoute.POST(request('{"name":"fuzz"}'), ctx({ id: flow.id }))).json();
  const endpoint = ingestEndpoint(ingestServices().ingest, { maxBodyBytes: 16_384 });
  server = createServer((req, res) => void (endpoint(req, res) || res.writeHead(418).end()));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await services().runs.stopAll(0);
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe("REST body fuzzing", () => {
  it("POST …/ingest-keys answers any body with 201 or a 4xx; a refused one adds no key", async () => {
    await fc.assert(
      fc.asyncProperty(bodyOf({ name: anything }), async (body) => {
        const before = await keys();
        const status = (await keysRoute.POST(request(body), ctx({ id: flow.id }))).status;
        expect(status === 201 || (status >= 400 && status < 500), `status ${status}`).toBe(true);
        if (status >= 400) expect(await keys()).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("scenario runs and forecasts answer any body and scenario id with a 4xx, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        bodyOf({ seed: anything, forecast: anything }),
        fc.string({ unit: "binary", maxLength: 80 }),
        async (body, scenarioId) => {
          for (const route of [runsRoute, forecastRoute]) {
            const status = (await route.POST(request(body), ctx({ id: flow.id, scenarioId }))).status;
            expect(status >= 400 && status < 500, `status ${status}`).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("the ingest endpoint answers any body, type and CloudEvents headers without a 5xx; refused ones publish nothing", async () => {
    const contentType = fc.constantFrom(
      "application/json",
      "application/cloudevents+json",
      "application/cloudevents-batch+json",
      "text/plain",
      "application/xml",
      "application/json; charset=latin1",
      "",
    );
    const event = fc.record(
      {
        specversion: anything,
        id: anything,
        source: anything,
        type: anything,
        data: anything,
        time: anything,
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? "null"),
      event.map((v) => JSON.stringify(v)),
      fc.array(event, { maxLength: 25 }).map((v) => JSON.stringify(v)),
    );
    const ceHeaders = fc.dictionary(
      fc.constantFrom("ce-specversion", "ce-id", "ce-source", "ce-type", "ce-time", "ce-traceparent", "ce-x"),
      fc.string({ maxLength: 40 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
      { maxKeys: 5 },
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        contentType,
        ceHeaders,
        fc.constantFrom("t", "nope", "%ff", "t/../t"),
        async (text, type, headers, topicName) => {
          const before = published();
          const answer = await fetch(`${base}/ingest/topics/${topicName}`, {
            method: "POST",
            headers: {
              authorization: `Bearer ${key.key}`,
              ...(type ? { "content-type": type } : {}),
              ...headers,
            },
            body: text,
          });
          await answer.arrayBuffer();
          expect(answer.status < 500, `status ${answer.status}`).toBe(true);
          if (answer.status >= 400) expect(published()).toBe(before);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
