import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumer, edge, graph, topic } from "@/server/runtime/testing/flows";
import { applyMigrations } from "../db/migrate";

// The server as `npm start` composes it (front door, ingest, scrape, pages), over real services.
const dir = mkdtempSync(join(tmpdir(), "eventloom-app-server-"));
Object.assign(process.env, { DATABASE_URL: `file:${join(dir, "db.sqlite")}` });
applyMigrations(join(dir, "db.sqlite"));
const { env } = await import("../env");
const { services } = await import("../services/container");
const { ingestServices } = await import("../services/ingest-container");
const { ingestEndpoint } = await import("./ingest-endpoint");
const { appServer } = await import("./app-server");

const JSON_ONLY = {
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};
const NONCE_POLICY = /script-src 'self' 'nonce-([A-Za-z0-9+/=]{24})' 'strict-dynamic'/;

let base: string;
let key: string;
let close: () => Promise<void>;
const pagePolicies: string[] = [];

beforeAll(async () => {
  const created = await services().flows.create({
    name: "App server",
    graph: graph([topic("orders"), consumer("billing")], [edge("subscribes", "orders", "billing")]),
  });
  if (!created.ok) throw new Error("could not create the flow");
  expect((await services().deploy(created.value.id)).ok).toBe(true);
  const issued = await ingestServices().keys.create(created.value.id, "test");
  if (!issued.ok) throw new Error("could not create an ingest key");
  key = issued.value.key;
  const { http } = appServer(env(), {
    ingest: ingestEndpoint(ingestServices().ingest, { maxBodyBytes: 8192 }),
    scrape: () => false,
    pages: (req, res) => {
      // What Next would read to put the nonce on its scripts.
      pagePolicies.push(String(req.headers["content-security-policy"]));
      res.writeHead(200, { "content-type": "text/html" }).end("<p>page</p>");
    },
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => http.close(() => resolve()));
});

afterAll(async () => {
  await services().runs.stopAll(0);
  await close?.();
  rmSync(dir, { recursive: true, force: true });
});

const ingest = (headers: Record<string, string>, body = '{"n":1}', method = "POST") =>
  fetch(`${base}/ingest/topics/orders`, { method, headers, body: method === "POST" ? body : undefined });
const securityHeadersOf = (response: Response) =>
  Object.fromEntries(Object.keys(JSON_ONLY).map((name) => [name, response.headers.get(name)]));

describe("the app server", () => {
  it("answers ingest through the front door with fixed JSON-only security headers, one known length", async () => {
    const accepted = await ingest({ authorization: `Bearer ${key}`, "content-type": "application/json" });
    expect(accepted.status).toBe(202);
    const text = await accepted.text();
    expect(securityHeadersOf(accepted)).toEqual(JSON_ONLY);
    expect(accepted.headers.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(accepted.headers.get("transfer-encoding")).toBeNull();
    expect(accepted.headers.get("cache-control")).toBe("no-store");
    expect(JSON.parse(text).topic).toBe("orders");
  });

  it("puts the same headers on ingest refusals, the endpoint's and the front door's", async () => {
    const unauthorized = await ingest({ "content-type": "application/json" });
    expect(unauthorized.status).toBe(401);
    expect(securityHeadersOf(unauthorized)).toEqual(JSON_ONLY);
    const compressed = await ingest({
      authorization: `Bearer ${key}`,
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect(compressed.status).toBe(415);
    expect(await compressed.json()).toEqual({
      error: "Content-Encoding 'gzip' is not supported: send the body uncompressed",
    });
    expect(securityHeadersOf(compressed)).toEqual(JSON_ONLY);
    const preflight = await ingest({ "access-control-request-method": "POST" }, "", "OPTIONS");
    expect(preflight.status).toBe(204);
    expect(securityHeadersOf(preflight)).toEqual(JSON_ONLY);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("gives every other path a fresh nonce policy, also handed to the page router", async () => {
    const answers = [await fetch(`${base}/`), await fetch(`${base}/ingest/other`)];
    const nonces = answers.map((a) => NONCE_POLICY.exec(a.headers.get("content-security-policy") ?? "")?.[1]);
    expect(nonces[0]).toBeDefined();
    expect(nonces[1]).toBeDefined();
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(pagePolicies).toEqual(answers.map((a) => a.headers.get("content-security-policy")));
    for (const answer of answers) expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
