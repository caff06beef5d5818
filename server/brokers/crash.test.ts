import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { createClient } from "redis";
import { afterAll, describe, expect, it } from "vitest";
import { deleteRedisKeys, eventually, REDIS_TEST_URL } from "./testing/backends";

/**
 * A server killed with SIGKILL mid-flight and started again: on Redis and NATS every event the
 * first one published is acknowledged at least once, none is lost, and the duplicates (events
 * acknowledged by the first server whose acknowledgement never reached the broker) are counted
 * exactly; their redelivery continues the attempt count.
 */
const child = fileURLToPath(new URL("./testing/crash-child.ts", import.meta.url));

interface Server {
  process: ChildProcess;
  published: string[];
  acked: { id: string; attempt: number }[];
  ready: Promise<void>;
}

function startServer(backend: string, namespace: string, mode: string, events: number): Server {
  const proc = spawn(process.execPath, ["--import", "tsx", child, backend, namespace, mode, String(events)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const server: Server = { process: proc, published: [], acked: [], ready: Promise.resolve() };
  server.ready = new Promise((resolve) => {
    createInterface({ input: proc.stdout! }).on("line", (line) => {
      const message = JSON.parse(line) as {
        ready?: true;
        published?: string;
        acked?: string;
        attempt?: number;
      };
      if (message.ready) resolve();
      if (message.published) server.published.push(message.published);
      if (message.acked) server.acked.push({ id: message.acked, attempt: message.attempt! });
    });
  });
  return server;
}

const exited = (proc: ChildProcess) =>
  new Promise<void>((resolve) =>
    proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.on("exit", () => resolve()),
  );

describe.each(["redis", "nats"] as const)("kill -9 mid-flight and restart: %s", (backend) => {
  const namespace = `eltestcrash${randomBytes(4).toString("hex")}`;
  const servers: Server[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.process.exitCode === null) s.process.kill("SIGKILL");
    await Promise.all(servers.map((s) => exited(s.process)));
    if (backend === "redis") await deleteRedisKeys(`${namespace}:*`);
    else {
      const nc = await connect({ servers: "127.0.0.1:4222" });
      const jsm = await jetstreamManager(nc);
      for await (const name of jsm.streams.names())
        if (name.startsWith(`${namespace.toUpperCase()}_`)) await jsm.streams.delete(name);
      await nc.close();
    }
  }, 30_000);

  it("acknowledges every published event at least once and counts the duplicates exactly", async () => {
    const first = startServer(backend, namespace, "produce", 400);
    servers.push(first);
    await first.ready;
    await eventually(
      () => first.acked.length,
      (n) => n >= 120,
      30_000,
    );
    first.process.kill("SIGKILL");
    await exited(first.process);

    // What the broker holds now: every event stored, and those delivered but not acknowledged.
    const stored = new Set<string>();
    let unacknowledged: Set<string> | undefined;
    let counters: Map<string, number> | undefined;
    if (backend === "redis") {
      const redis = createClient({ url: REDIS_TEST_URL });
      await redis.connect();
      const pending = new Set<string>();
      counters = new Map();
      for (const p of [0, 1]) {
        const key = `${namespace}:crash:t:${p}`;
        for (const entry of (await redis.xRange(key, "-", "+")) ?? []) stored.add(entry.message.id);
        const byEntry = new Map(((await redis.xRange(key, "-", "+")) ?? []).map((e) => [e.id, e.message.id]));
        for (const row of await redis.xPendingRange(key, "c", "-", "+", 10_000)) {
          pending.add(byEntry.get(row.id)!);
          counters.set(byEntry.get(row.id)!, Number(row.deliveriesCounter));
        }
      }
      unacknowledged = pending;
      await redis.quit();
    } else {
      const nc = await connect({ servers: "127.0.0.1:4222" });
      const jsm = await jetstreamManager(nc);
      const stream = `${namespace.toUpperCase()}_crash_t`;
      const last = (await jsm.streams.info(stream)).state.last_seq;
      for (let seq = 1; seq <= last; seq++) {
        const message = await jsm.streams.getMessage(stream, { seq });
        if (message) stored.add(message.header.get("ce-id"));
      }
      await nc.close();
    }
    expect(first.published.every((id) => stored.has(id))).toBe(true);

    const second = startServer(backend, namespace, "consume", 0);
    servers.push(second);
    await second.ready;
    const ackedOnce = () => new Set([...first.acked, ...second.acked].map((a) => a.id));
    await eventually(ackedOnce, (ids) => [...stored].every((id) => ids.has(id)), 40_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    second.process.kill("SIGKILL");
    await exited(second.process);

    const all = [...first.acked, ...second.acked];
    const unique = new Set(all.map((a) => a.id));
    const duplicates = all.length - unique.size;
    const firstIds = new Set(first.acked.map((a) => a.id));
    const again = second.acked.filter((a) => firstIds.has(a.id));
    console.log(
      `${backend}: ${stored.size} stored, ${first.acked.length} acked before kill -9, ${second.acked.length} after restart, ${duplicates} duplicates`,
    );
    expect(unique.size).toBe(stored.size);
    expect(first.acked.length).toBe(firstIds.size);
    expect(duplicates).toBe(again.length);
    // A delivery that comes again continues its attempt count.
    expect(again.every((a) => a.attempt >= 2)).toBe(true);
    // On Redis each entry left pending comes again as one more than the deliveries the broker counted.
    if (counters) {
      const redelivered = second.acked.filter((a) => counters!.has(a.id));
      expect(redelivered).toHaveLength(counters.size);
      expect(redelivered.map((a) => a.attempt)).toEqual(redelivered.map((a) => counters!.get(a.id)! + 1));
    }
    if (unacknowledged)
      expect(new Set(again.map((a) => a.id))).toEqual(
        new Set([...firstIds].filter((id) => unacknowledged!.has(id))),
      );
  }, 90_000);
});
