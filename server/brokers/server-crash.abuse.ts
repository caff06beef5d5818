import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { flowBrokerKey } from "./registry";
import { compareEntryIds, parseEntryId } from "./redis/entry-id";
import {
  deliveriesAfterRestart,
  deployFlow,
  natsGroupFigures,
  startCrashServer,
  until,
  untilResumed,
} from "./testing/crash-server";

/**
 * The whole Eventloom server killed with SIGKILL while a run on Redis Streams or NATS JetStream
 * has events in flight, then started again on the same database: it resumes the run by itself,
 * and what it delivers afterwards is exactly what the broker held unacknowledged (redelivered,
 * the attempt count continuing) plus what it had not delivered yet. No acknowledged event comes
 * again, no unacknowledged one is lost. The events come from outside (a broker client), so the
 * broker alone says what was published.
 */
const EVENTS = 300;
const dir = mkdtempSync(join(tmpdir(), "eventloom-broker-crash-"));
const redis = createClient({ url: "redis://127.0.0.1:6379" });
let nc: NatsConnection;
let jsm: JetStreamManager;
const children: ChildProcess[] = [];
const startServer = async (database: string) => {
  const server = await startCrashServer(database);
  children.push(server.child);
  return server;
};
beforeAll(async () => {
  await redis.connect();
  nc = await connect({ servers: "127.0.0.1:4222" });
  jsm = await jetstreamManager(nc);
});
afterAll(async () => {
  for (const child of children)
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await redis.quit();
  await nc.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("kill -9 of the whole server mid-flight, then a restart", () => {
  it("Redis Streams: delivers again exactly what was pending (attempts continuing) and what was never delivered", async () => {
    const database = join(dir, "redis.db");
    const first = await startServer(database);
    const flowId = await deployFlow(first, "redis");
    const prefix = `eventloom:${flowBrokerKey(flowId)}:orders:`;
    const keys = [0, 1].map((p) => `${prefix}${p}`);
    try {
      await until(
        async () => Promise.all(keys.map((k) => redis.xInfoGroups(k).catch(() => []))),
        (groups) => groups.every((g) => g.length === 1),
      );
      for (let n = 0; n < EVENTS; n++)
        await redis.xAdd(keys[n % 2], "*", {
          specversion: "1.0",
          id: `crash-${n}`,
          source: "/test",
          type: "order.placed",
          data: JSON.stringify({ n }),
        });
      // Kill once a good part is acknowledged and more is in flight.
      const acknowledged = async () => {
        let done = 0;
        for (const key of keys) {
          const [group] = await redis.xInfoGroups(key);
          done += Number(group["entries-read"] ?? 0) - group.pending;
        }
        return done;
      };
      await until(acknowledged, (n) => n >= 80);
      await first.kill9();

      // The broker's account at the moment of the crash, event by event.
      const pending = new Map<string, number>();
      const undelivered = new Set<string>();
      let stored = 0;
      for (const key of keys) {
        const entries = (await redis.xRange(key, "-", "+")) ?? [];
        stored += entries.length;
        const idOf = new Map(entries.map((e) => [e.id, e.message.id]));
        const [group] = await redis.xInfoGroups(key);
        for (const row of await redis.xPendingRange(key, "c", "-", "+", 10_000))
          pending.set(idOf.get(row.id)!, Number(row.deliveriesCounter));
        for (const e of entries)
          if (compareEntryIds(parseEntryId(e.id)!, parseEntryId(String(group["last-delivered-id"]))!) > 0)
            undelivered.add(e.message.id);
      }
      expect(stored).toBe(EVENTS);
      const acked = EVENTS - pending.size - undelivered.size;
      expect(acked).toBeGreaterThanOrEqual(80);
      expect(pending.size + undelivered.size).toBeGreaterThan(0);

      const second = await startServer(database);
      const resumed = await untilResumed(second, flowId);
      expect(resumed).toMatchObject({ state: "running", version: 1 });
      expect(resumed.resumed).toMatch(/^Resumed after the server restarted/);
      await until(
        async () => {
          let open = 0;
          for (const key of keys) {
            const [group] = await redis.xInfoGroups(key);
            open += group.pending + (group.lag ?? 0);
          }
          return open;
        },
        (n) => n === 0,
      );
      const after = await deliveriesAfterRestart(second, flowId);
      await second.kill9();
      console.log(
        `redis: ${EVENTS} stored, ${acked} acknowledged before kill -9, ${pending.size} pending, ${undelivered.size} not delivered; ${after.size} delivered after restart`,
      );
      expect(new Set(after.keys())).toEqual(new Set([...pending.keys(), ...undelivered]));
      for (const [id, { attempts, external }] of after) {
        expect(attempts).toEqual([pending.has(id) ? pending.get(id)! + 1 : 1]);
        expect(external).toEqual([true]);
      }
    } finally {
      const all: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}*` })) all.push(...batch);
      if (all.length > 0) await redis.del(all);
    }
  }, 120_000);

  it("NATS JetStream: delivers again exactly the unacknowledged and the undelivered, attempts continuing", async () => {
    const database = join(dir, "nats.db");
    const first = await startServer(database);
    const flowId = await deployFlow(first, "nats");
    const key = flowBrokerKey(flowId);
    const stream = `EVENTLOOM_${key}_orders`;
    try {
      await until(
        () => natsGroupFigures(jsm, stream),
        (figures) => figures !== undefined,
      );
      for (let n = 0; n < EVENTS; n++) {
        const h = headers();
        for (const [name, value] of Object.entries({
          specversion: "1.0",
          id: `crash-${n}`,
          source: "/test",
          type: "order.placed",
        }))
          h.set(`ce-${name}`, value);
        await nc.publish(`eventloom.${key}.orders.${n % 2}`, JSON.stringify({ n }), { headers: h });
      }
      await nc.flush();
      await until(
        () => natsGroupFigures(jsm, stream),
        (figures) => figures !== undefined && figures.stored === EVENTS && figures.acked >= 80,
      );
      await first.kill9();
      const atKill = (await natsGroupFigures(jsm, stream))!;
      const { unacked, undelivered } = atKill;
      expect((await jsm.streams.info(stream)).state.messages).toBe(EVENTS);
      expect(unacked + undelivered).toBeGreaterThan(0);

      const second = await startServer(database);
      expect(await untilResumed(second, flowId)).toMatchObject({ state: "running", version: 1 });
      await until(
        () => natsGroupFigures(jsm, stream),
        (figures) => figures !== undefined && figures.unacked + figures.undelivered === 0,
      );
      const after = await deliveriesAfterRestart(second, flowId);
      await second.kill9();
      console.log(
        `nats: ${EVENTS} stored, ${EVENTS - unacked - undelivered} acknowledged before kill -9, ${unacked} unacknowledged, ${undelivered} not delivered; ${after.size} delivered after restart`,
      );
      // Each event once: the unacknowledged ones again (JetStream's count goes on), the rest for the first time.
      expect(after.size).toBe(unacked + undelivered);
      const attempts = [...after.values()].map((d) => d.attempts);
      expect(attempts.every((a) => a.length === 1)).toBe(true);
      expect(attempts.filter(([a]) => a >= 2)).toHaveLength(unacked);
      expect(attempts.filter(([a]) => a === 1)).toHaveLength(undelivered);
      expect([...after.values()].every((d) => d.external.every(Boolean))).toBe(true);
    } finally {
      await jsm.streams.delete(stream).catch(() => false);
    }
  }, 120_000);
});
