import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { api } from "./client";
import { startAbuseServer, type AbuseServer } from "./harness";
import { underAttack } from "./health-watch";

// Attacks on storage and on what is stored: a create flood of near-megabyte bodies, a save
// flood, and names and filters that would hide or lose data. Each is refused as documented
// while /api/health answers within 1 s, and what was stored before is unchanged.
const DATABASE_MB = 8;
const REVISIONS = 5;
let server: AbuseServer;
beforeAll(async () => {
  server = await startAbuseServer({
    RATE_LIMIT_CREATES_PER_MIN: "1000",
    RATE_LIMIT_WRITES_PER_MIN: "1000",
    MAX_DATABASE_MB: String(DATABASE_MB),
    MAX_REVISIONS_PER_FLOW: String(REVISIONS),
  });
}, 90_000);
afterAll(() => server?.stop());

/** About 900 KB of valid graph: 58 producers with 15 KB payload templates. */
const heavyGraph = (seed: number) =>
  graph(
    [
      topic("orders"),
      ...Array.from({ length: 58 }, (_, i) =>
        producer(`p${i}`, {
          payloadTemplate: `{"n": {{seq}}, "pad": "${String(seed).repeat(15_000).slice(0, 15_000)}"}`,
        }),
      ),
    ],
    Array.from({ length: 58 }, (_, i) => edge("publishes", `p${i}`, "orders")),
  );
const databaseMb = () => statSync(server.database).size / 1024 / 1024;

describe("attacks on storage", () => {
  it("a save flood keeps only the newest MAX_REVISIONS_PER_FLOW revisions", async () => {
    const client = api(server, "127.0.0.91");
    const id = await client.create("Saved often", graph([topic("orders")], []));
    const { health } = await underAttack(server.base, async () => {
      for (let version = 1; version <= 60; version++) {
        const answer = await client.call("PUT", `/api/flows/${id}`, {
          name: `Save ${version}`,
          baseVersion: version,
        });
        expect(answer.status).toBe(200);
      }
    });
    const revisions = await client.call("GET", `/api/flows/${id}/revisions?limit=100`);
    expect(revisions.status).toBe(200);
    expect((revisions.body.revisions as { version: number }[]).map((r) => r.version)).toEqual([
      61, 60, 59, 58, 57,
    ]);
    expect(health.failures).toEqual([]);
  }, 60_000);

  it("refuses names with hidden characters and a __proto__ filter field, naming them; the flow is unchanged", async () => {
    const client = api(server, "127.0.0.92");
    const id = await client.create(
      "Clean",
      graph(
        [producer("p"), topic("orders"), consumer("c")],
        [edge("publishes", "p", "orders"), edge("subscribes", "orders", "c")],
      ),
    );
    const stored = (await client.get(id)).body;
    for (const [name, found] of [
      ["Orders\u0000", "U+0000"],
      ["\u202eredro", "U+202E"],
      ["Invoice\u200f", "U+200F"],
    ]) {
      const answer = await client.call("PUT", `/api/flows/${id}`, { name, baseVersion: 1 });
      expect(answer.status).toBe(400);
      expect(answer.body.issues).toContainEqual({
        path: "name",
        message: `must not contain control or bidirectional formatting characters (found ${found})`,
      });
    }
    const surrogate = await client.call("PUT", `/api/flows/${id}`, { name: "Half \ud800", baseVersion: 1 });
    expect(surrogate.status).toBe(400);
    expect(surrogate.body.issues).toContainEqual({
      path: "name",
      message: "must not contain a lone surrogate (an incomplete UTF-16 character)",
    });
    // JSON.parse keeps a "__proto__" key; a schema copying it would drop it without a word.
    const body = `{"baseVersion":1,"graph":${JSON.stringify(stored.graph).replace(
      '"kind":"subscribes"',
      '"kind":"subscribes","filter":{"__proto__":{"type":["x"]}}',
    )}}`;
    const proto = await client.call("PUT", `/api/flows/${id}`, JSON.parse(body));
    expect(proto.status).toBe(400);
    expect(proto.body.issues).toContainEqual({
      path: "edges[1].filter.__proto__",
      message: "'__proto__' cannot be a field name",
    });
    expect((await client.get(id)).body).toEqual(stored);
  });
  // Last: it leaves the database full.
  it("a flood of ~900 KB creates is refused with 507 past MAX_DATABASE_MB; existing flows still save", async () => {
    const client = api(server, "127.0.0.90");
    const kept = await client.create("Kept", graph([topic("orders")], []));
    const { result, health } = await underAttack(server.base, async () => {
      const statuses: number[] = [];
      let refused;
      for (let i = 0; i < 40 && refused === undefined; i++) {
        const answer = await client.call("POST", "/api/flows", {
          name: `Heavy ${i}`,
          graph: heavyGraph(i % 10),
        });
        statuses.push(answer.status);
        if (answer.status !== 201) refused = answer;
      }
      return { statuses, refused };
    });
    expect(result.refused?.status).toBe(507);
    expect(result.refused?.body.error).toBe(
      `The database has reached its size limit (MAX_DATABASE_MB=${DATABASE_MB}): no new flows can be created. Delete flows you no longer need, or ask the operator to raise the limit`,
    );
    expect(new Set(result.statuses.slice(0, -1))).toEqual(new Set([201]));
    // The cap is checked before each create: at most one create's worth (stored twice) beyond it.
    expect(databaseMb()).toBeLessThan(DATABASE_MB + 2 * 1);
    expect(health.failures).toEqual([]);
    const renamed = await client.call("PUT", `/api/flows/${kept}`, { name: "Kept, renamed", baseVersion: 1 });
    expect(renamed.status).toBe(200);
    expect(renamed.body.name).toBe("Kept, renamed");
  }, 120_000);
});
