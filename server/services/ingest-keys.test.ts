import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumer, edge, graph, topic } from "@/server/runtime/testing/flows";
import { applyMigrations } from "../db/migrate";

// The key service over the real repository (SQLite), counting and holding its hash lookups.
const dir = mkdtempSync(join(tmpdir(), "eventloom-ingest-keys-"));
const databaseUrl = `file:${join(dir, "db.sqlite")}`;
Object.assign(process.env, { DATABASE_URL: databaseUrl });
applyMigrations(join(dir, "db.sqlite"));
const { prismaFor } = await import("../db/client");
const { ingestKeysRepo } = await import("../db/ingest-keys-repo");
const { services } = await import("./container");
const { ingestKeyService } = await import("./ingest-keys");

const real = ingestKeysRepo(prismaFor(databaseUrl));
let lookups = 0;
/** While set, lookups wait for it after reading the database, before answering. */
let gate: Promise<void> | undefined;
const repo: typeof real = {
  ...real,
  findByHash: async (hash) => {
    lookups++;
    const row = await real.findByHash(hash);
    await gate;
    return row;
  },
};
let clock = 1_000_000;
const keys = ingestKeyService(repo, services().flows, () => clock);
let flowId: string;

beforeAll(async () => {
  const created = await services().flows.create({
    name: "Keys",
    graph: graph([topic("orders"), consumer("billing")], [edge("subscribes", "orders", "billing")]),
  });
  if (!created.ok) throw new Error("could not create the flow");
  flowId = created.value.id;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const issue = async (name: string) => {
  const issued = await keys.create(flowId, name);
  if (!issued.ok) throw new Error("could not create a key");
  return issued.value;
};

describe("ingest key verification", () => {
  it("answers a verified key from memory for 5 s, then asks the database again", async () => {
    const { key, id } = await issue("cached");
    const before = lookups;
    expect(await keys.verify(key)).toEqual({ flowId, keyId: id });
    expect(keys.verify(key)).toEqual({ flowId, keyId: id });
    expect(lookups).toBe(before + 1);
    clock += 5_000;
    expect(await keys.verify(key)).toEqual({ flowId, keyId: id });
    expect(lookups).toBe(before + 2);
  });

  it("refuses a rotated or revoked key at once, though it was cached", async () => {
    const first = await issue("rotated");
    expect(await keys.verify(first.key)).toEqual({ flowId, keyId: first.id });
    const rotated = await keys.rotate(flowId, first.id);
    if (!rotated.ok) throw new Error("could not rotate");
    expect(await keys.verify(first.key)).toBeNull();
    expect(await keys.verify(rotated.value.key)).toEqual({ flowId, keyId: first.id });
    expect((await keys.revoke(flowId, first.id)).ok).toBe(true);
    expect(await keys.verify(rotated.value.key)).toBeNull();
  });

  it("does not cache a lookup that began before the key was revoked", async () => {
    const { key, id } = await issue("raced");
    let open!: () => void;
    gate = new Promise((resolve) => (open = resolve));
    const pending = keys.verify(key);
    // The lookup has read the row, still there, and answers after the revocation.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await keys.revoke(flowId, id)).ok).toBe(true);
    open();
    gate = undefined;
    expect(await pending).toEqual({ flowId, keyId: id });
    const before = lookups;
    expect(await keys.verify(key)).toBeNull();
    expect(lookups).toBe(before + 1);
  });
});
