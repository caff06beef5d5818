import { BUFFER_CAPACITY, FetchBuffer } from "../fetch-buffer";
import type { RemoteGroupReader } from "../remote-topic";
import type { RedisClient } from "./connection";
import { decodeEntry, entryText, entryTimeMs } from "./layout";
import type { RedisTopic } from "./topic";

interface Entry {
  id: string;
  message: Record<string, string>;
}

const FETCH_MAX = 512;
const BLOCK_MS = 1000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One consumer group reading one topic on Redis. The group is created at the streams' end
 * (events published from now on) unless it exists, in which case it resumes where it was.
 * It first takes back the entries this consumer had pending (a restart), then reads new
 * entries with XREADGROUP; entries of consumers that died are reclaimed with XAUTOCLAIM
 * after the visibility timeout, their delivery count continuing.
 */
export class RedisGroupReader implements RemoteGroupReader {
  readonly buffers: FetchBuffer<string>[];
  /** Entry ids fetched and not finished, per partition (ids are unique within one stream only). */
  private readonly held: Set<string>[];
  private readonly acks: string[][];
  private acksQueued = false;
  private closed = false;
  /** This consumer's own pending entries were taken back (start): reclaiming others' may begin. */
  private tookBack = false;
  private blocking: RedisClient | undefined;
  private roomWaiter: (() => void) | undefined;
  private readonly ready: Promise<unknown>;
  private readonly keys: string[];

  constructor(
    private readonly topic: RedisTopic,
    readonly group: string,
  ) {
    this.keys = [...topic.keys];
    const sink = {
      ack: (partition: number, id: string) => this.ack(partition, id),
      // Redis has no delayed redelivery: the worker waits the backoff holding the entry.
      retry: (partition: number, id: string, attempt: number) => {
        this.countAttempt(partition, id, attempt);
        return false;
      },
    };
    this.buffers = this.keys.map((_, p) => new FetchBuffer<string>(p, sink));
    this.acks = this.keys.map(() => []);
    this.held = this.keys.map(() => new Set());
    // Sent now on the shared client, so the group exists before any append queued after it.
    const client = topic.connection.client;
    this.ready = Promise.all(
      this.keys.map((key) =>
        client.xGroupCreate(key, group, "$", { MKSTREAM: true }).catch((error: Error) => {
          if (!String(error.message).includes("BUSYGROUP")) throw error;
        }),
      ),
    );
    void this.run();
  }

  /** Stops reading; entries fetched but unfinished on partitions `ackHeld` names are acknowledged (skipped). */
  close(ackHeld?: (partition: number) => boolean): void {
    if (this.closed) return;
    this.flushAcks();
    this.closed = true;
    this.buffers.forEach((buffer, p) => {
      const ids = ackHeld?.(p) ? buffer.unfinishedHandles() : [];
      if (ids.length > 0) this.topic.connection.client.xAck(this.keys[p], this.group, ids).catch(() => {});
    });
    this.roomWaiter?.();
    const blocking = this.blocking;
    this.blocking = undefined;
    if (blocking) blocking.destroy();
  }

  /** Redis keeps no limit on deliveries: the engine's retry policy alone decides (see docs/brokers.md). */
  applyPolicy(): void {}

  /**
   * Takes over entries idle past the visibility timeout (a consumer that died). First the
   * entries this server holds are marked alive (XCLAIM JUSTID resets their idle time without
   * counting a delivery), so waiting their turn in a buffer never counts as another attempt.
   */
  async reclaim(): Promise<void> {
    if (this.closed || !this.tookBack) return;
    const { client, options } = this.topic.connection;
    for (let p = 0; p < this.keys.length; p++) {
      const held = this.buffers[p].unfinishedHandles();
      if (held.length > 0) await client.xClaimJustId(this.keys[p], this.group, options.consumerName, 0, held);
    }
    for (const p of this.partitionsRead()) {
      const reply = await client.xAutoClaim(
        this.keys[p],
        this.group,
        options.consumerName,
        options.visibilityTimeoutMs,
        "0-0",
        { COUNT: Math.min(FETCH_MAX, this.room(p)) },
      );
      const claimed = (reply.messages.filter((m) => m !== null) as Entry[]).filter(
        (m) => !this.held[p].has(m.id),
      );
      if (claimed.length === 0) continue;
      const counts = await this.deliveryCounts(p, claimed);
      // XAUTOCLAIM counted this delivery already.
      this.accept(p, claimed, (id) => counts.get(id) ?? 1);
    }
  }

  private async run(): Promise<void> {
    try {
      await this.ready;
      this.blocking = await this.topic.connection.blockingClient();
      if (this.closed) this.blocking.destroy();
      await this.takeBackPending();
    } catch {
      // Reported by the connection; the read loop below retries (and reclaiming takes over).
    }
    this.tookBack = true;
    const { options } = this.topic.connection;
    let failures = 0;
    while (!this.closed) {
      const mine = this.partitionsRead();
      if (mine.length === 0) {
        // Every partition is read by other servers of the cluster for now.
        await sleep(BLOCK_MS / 4);
        continue;
      }
      const room = Math.min(...mine.map((p) => this.room(p)));
      if (room <= 0) {
        await new Promise<void>((resolve) => (this.roomWaiter = resolve));
        continue;
      }
      try {
        if (!this.blocking) this.blocking = await this.topic.connection.blockingClient();
        const reply = await this.blocking.xReadGroup(
          this.group,
          options.consumerName,
          mine.map((p) => ({ key: this.keys[p], id: ">" })),
          { COUNT: Math.min(FETCH_MAX, room), BLOCK: BLOCK_MS },
        );
        failures = 0;
        for (const stream of (reply ?? []) as { name: string; messages: Entry[] }[])
          this.accept(this.keys.indexOf(stream.name), stream.messages, () => 1);
      } catch (error) {
        if (this.closed) return;
        const message = (error as Error).message;
        if (message.includes("NOGROUP")) await this.recreateGroups();
        await sleep(Math.min(100 * 2 ** failures++, 2000));
      }
    }
  }

  /**
   * Room for more entries of partition `p`: fetched entries reach the buffer a turn later
   * (through the engine's inbox), so what is held counts, not only what the buffer has taken;
   * reading by the buffer alone overran it while the group was offline and lost the overflow.
   */
  private room(p: number): number {
    return Math.min(this.buffers[p].room, BUFFER_CAPACITY - 1 - this.held[p].size);
  }

  /**
   * The partitions this server reads now: all of them, or its share when the group spreads over
   * the servers of a cluster (asked before every read, so a new share applies within a read).
   */
  private partitionsRead(): number[] {
    const reads = this.topic.options.reads;
    const all = this.keys.map((_, p) => p);
    return reads ? all.filter(reads) : all;
  }

  /** After a restart: this consumer's own pending entries, delivered again with their count continuing. */
  private async takeBackPending(): Promise<void> {
    const { client, options } = this.topic.connection;
    for (const p of this.partitionsRead()) {
      // A buffer's room at a time (the rest waits for the worker), paging past what was taken.
      let after = "-";
      for (;;) {
        if (this.closed) return;
        const room = this.room(p);
        if (room <= 0) {
          await new Promise<void>((resolve) => (this.roomWaiter = resolve));
          continue;
        }
        const pending = await client.xPendingRange(
          this.keys[p],
          this.group,
          after,
          "+",
          Math.min(FETCH_MAX, room),
          {
            consumer: options.consumerName,
          },
        );
        if (pending.length === 0) break;
        after = `(${pending[pending.length - 1].id}`;
        const fresh = pending.filter((e) => !this.held[p].has(e.id));
        if (fresh.length === 0) continue;
        const counts = new Map(fresh.map((e) => [e.id, Number(e.deliveriesCounter)]));
        const entries = await client.xClaim(this.keys[p], this.group, options.consumerName, 0, [
          ...counts.keys(),
        ]);
        // XCLAIM counted this delivery.
        this.accept(p, entries.filter((m) => m !== null) as Entry[], (id) => (counts.get(id) ?? 0) + 1);
      }
    }
  }

  private async deliveryCounts(partition: number, entries: Entry[]): Promise<Map<string, number>> {
    const { client, options } = this.topic.connection;
    const ids = entries.map((e) => e.id);
    const rows = await client.xPendingRange(
      this.keys[partition],
      this.group,
      ids[0],
      ids[ids.length - 1],
      ids.length,
      {
        consumer: options.consumerName,
      },
    );
    return new Map(rows.map((r) => [r.id, Number(r.deliveriesCounter)]));
  }

  /** Hands fetched entries to the engine: good ones into the partition's buffer, bad ones recorded and acknowledged. */
  private accept(partition: number, entries: Entry[], attemptOf: (id: string) => number): void {
    if (partition < 0 || entries.length === 0) return;
    for (const entry of entries) this.held[partition].add(entry.id);
    const { topic } = this;
    topic.inbox.post(() => {
      if (this.closed) return;
      const buffer = this.buffers[partition];
      for (const { id, message } of entries) {
        const decoded = decodeEntry(id, message, topic.options.maxPayloadBytes);
        if (!decoded.ok) {
          topic.host.onRejected(topic, partition, decoded.reason, entryText(id, message));
          this.ack(partition, id);
          continue;
        }
        buffer.push(decoded.event, entryTimeMs(id), id, attemptOf(id), id, decoded.external);
      }
      for (const listener of topic.listeners) listener.onAppend(partition);
    });
  }

  private ack(partition: number, id: string): void {
    this.held[partition].delete(id);
    this.acks[partition].push(id);
    if (!this.acksQueued) {
      this.acksQueued = true;
      setImmediate(() => this.flushAcks());
    }
  }

  private flushAcks(): void {
    this.acksQueued = false;
    const client = this.topic.connection.client;
    this.acks.forEach((ids, p) => {
      if (ids.length === 0) return;
      this.acks[p] = [];
      // Queued by the client while Redis is away, written when it is back.
      client.xAck(this.keys[p], this.group, ids).catch(() => {});
    });
    const waiter = this.roomWaiter;
    this.roomWaiter = undefined;
    waiter?.();
  }

  /** Makes the broker's delivery count match the attempts made, so a reclaim continues from them. */
  private countAttempt(partition: number, id: string, attempt: number): void {
    const { client, options } = this.topic.connection;
    client
      .xClaim(this.keys[partition], this.group, options.consumerName, 0, id, { RETRYCOUNT: attempt })
      .catch(() => {});
  }

  private async recreateGroups(): Promise<void> {
    const client = this.topic.connection.client;
    for (const key of this.keys)
      await client.xGroupCreate(key, this.group, "0", { MKSTREAM: true }).catch(() => {});
  }
}
