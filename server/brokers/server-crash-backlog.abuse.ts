import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { createClient } from "redis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUFFER_CAPACITY } from "./fetch-buffer";
import { flowBrokerKey } from "./registry";
import { compareEntryIds, parseEntryId } from "./redis/entry-id";
import {
  consumerCounts,
  deliveredIds,
  deployFlow,
  natsGroupFigures,
  startCrashServer,
  until,
  untilResumed,
} from "./testing/crash-server";

/**
 * kill -9 with a backlog: a slow consumer (2 ms an event, two workers) and far more events on
 * the broker than the server reads ahead (a fetch buffer holds 4,095 per partition; JetStream
 * hands out at most 4,095 unacknowledged per partition), so at the kill thousands were never read. After the
 * restart every event is acknowledged, and exactly the pending and the never-read ones are
 * delivered, each once: nothing lost, the only duplicates the pending ones.
 */
const EVENTS = 12_000;
const PROCESSING_MS = 2;
const dir = mkdtempSync(join(tmpdir(), "eventloom-broker-backlog-"));
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

const attributes = (n: number) => ({
  specversion: "1.0",
  id: `backlog-${n}`,
  source: "/test",
  type: "order.placed",
});

describe("kill -9 with events never read, then a restart", () => {
  it("Redis Streams: every event acknowledged; exactly the pending and the never-read ones delivered, once each", async () => {
    const database = join(dir, "redis.db");
    const first = await startServer(database);
    const flowId = await deployFlow(first, "redis", PROCESSING_MS);
    const prefix = `eventloom:${flowBrokerKey(flowId)}:orders:`;
    const keys = [0, 1].map((p) => `${prefix}${p}`);
    try {
      await until(
        async () => Promise.all(keys.map((k) => redis.xInfoGroups(k).catch(() => []))),
        (groups) => groups.every((g) => g.length === 1),
      );
      const pipeline = redis.multi();
      for (let n = 0; n < EVENTS; n++)
        pipeline.xAdd(keys[n % 2], "*", { ...attributes(n), data: JSON.stringify({ n }) });
      await pipeline.execAsPipeline();
      const acknowledged = async () => {
        let done = 0;
        for (const key of keys) {
          const [group] = await redis.xInfoGroups(key);
          done += Number(group["entries-read"] ?? 0) - group.pending;
        }
        return done;
      };
      await until(acknowledged, (n) => n >= 200);
      await first.kill9();

      // The broker's account at the kill: acknowledged, pending (read, not acked), never read.
      const pending = new Set<string>();
      const unread = new Set<string>();
      for (const key of keys) {
        const entries = (await redis.xRange(key, "-", "+")) ?? [];
        const idOf = new Map(entries.map((e) => [e.id, e.message.id]));
        const [group] = await redis.xInfoGroups(key);
        const last = parseEntryId(String(group["last-delivered-id"]))!;
        for (const row of await redis.xPendingRange(key, "c", "-", "+", EVENTS))
          pending.add(idOf.get(row.id)!);
        for (const e of entries) if (compareEntryIds(parseEntryId(e.id)!, last) > 0) unread.add(e.message.id);
      }
      const acked = EVENTS - pending.size - unread.size;
      expect(acked).toBeGreaterThanOrEqual(200);
      // The server never read further ahead than its fetch buffers hold (a few acknowledgements may
      // not have been written yet), so thousands were only on the broker.
      expect(pending.size).toBeLessThan(2 * (BUFFER_CAPACITY + 64));
      expect(unread.size).toBeGreaterThan(2000);

      const second = await startServer(database);
      expect(await untilResumed(second, flowId)).toMatchObject({ state: "running", version: 1 });
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
        120_000,
      );
      const redelivered = pending.size + unread.size;
      await until(
        () => consumerCounts(second, flowId),
        (c) => c.acked === redelivered,
      );
      expect(await consumerCounts(second, flowId)).toEqual({ delivered: redelivered, acked: redelivered });
      const ids = await deliveredIds(second, flowId);
      await second.kill9();
      console.log(
        `redis backlog: ${EVENTS} stored, ${acked} acknowledged before kill -9, ${pending.size} pending, ${unread.size} never read; ${ids.length} delivered after restart`,
      );
      expect(ids).toHaveLength(redelivered);
      expect(new Set(ids)).toEqual(new Set([...pending, ...unread]));
    } finally {
      const all: string[] = [];
      for await (const batch of redis.scanIterator({ MATCH: `${prefix}*` })) all.push(...batch);
      if (all.length > 0) await redis.del(all);
    }
  }, 240_000);

  it("NATS JetStream: every event acknowledged; exactly the unacknowledged and the undelivered delivered, once each", async () => {
    const database = join(dir, "nats.db");
    const first = await startServer(database);
    const flowId = await deployFlow(first, "nats", PROCESSING_MS);
    const key = flowBrokerKey(flowId);
    const stream = `EVENTLOOM_${key}_orders`;
    try {
      await until(
        () => natsGroupFigures(jsm, stream),
        (figures) => figures !== undefined,
      );
      const js = jetstream(nc);
      const acks: Promise<unknown>[] = [];
      for (let n = 0; n < EVENTS; n++) {
        const h = headers();
        for (const [name, value] of Object.entries(attributes(n))) h.set(`ce-${name}`, value);
        acks.push(js.publish(`eventloom.${key}.orders.${n % 2}`, JSON.stringify({ n }), { headers: h }));
        if (acks.length === 1000) await Promise.all(acks.splice(0));
      }
      await Promise.all(acks);
      await until(
        () => natsGroupFigures(jsm, stream),
        (figures) => figures !== undefined && figures.stored === EVENTS && figures.acked >= 200,
      );
      await first.kill9();
      const atKill = (await natsGroupFigures(jsm, stream))!;
      const { unacked, undelivered } = atKill;
      expect((await jsm.streams.info(stream)).state.messages).toBe(EVENTS);
      expect(EVENTS - unacked - undelivered).toBeGreaterThanOrEqual(200);
      expect(undelivered).toBeGreaterThan(2000);

      const second = await startServer(database);
      expect(await untilResumed(second, flowId)).toMatchObject({ state: "running", version: 1 });
      await until(
        () => natsGroupFigures(jsm, stream),
        (figures) => figures !== undefined && figures.unacked + figures.undelivered === 0,
        120_000,
      );
      const redelivered = unacked + undelivered;
      await until(
        () => consumerCounts(second, flowId),
        (c) => c.acked === redelivered,
      );
      expect(await consumerCounts(second, flowId)).toEqual({ delivered: redelivered, acked: redelivered });
      const ids = await deliveredIds(second, flowId);
      await second.kill9();
      console.log(
        `nats backlog: ${EVENTS} stored, ${EVENTS - redelivered} acknowledged before kill -9, ${unacked} unacknowledged, ${undelivered} never delivered; ${ids.length} delivered after restart`,
      );
      // Each once, and (with JetStream's account of nothing left) every event acknowledged.
      expect(new Set(ids).size).toBe(redelivered);
      expect(ids).toHaveLength(redelivered);
    } finally {
      await jsm.streams.delete(stream).catch(() => false);
    }
  }, 240_000);
});
