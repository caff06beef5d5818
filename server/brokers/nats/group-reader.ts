import type { ConsumerMessages, JsMsg } from "@nats-io/jetstream";
import type { ReaderPolicy } from "../../runtime";
import { BUFFER_CAPACITY, FetchBuffer } from "../fetch-buffer";
import type { RemoteGroupReader } from "../remote-topic";
import { decodeMessage, messageText, partitionDurable } from "./layout";
import {
  ensurePartitionConsumers,
  updatePartitionConsumers,
  type ConsumerLimits,
} from "./partition-consumers";
import type { NatsTopic } from "./topic";

const FETCH_MAX = 512;
/** How often a partition another server reads is looked at again (the cluster's split may move it here). */
const IDLE_MS = 250;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Unacknowledged deliveries a partition's consumer may have out: JetStream stops handing out new
 * ones there, so the partition's fetch buffer never overflows and fetching never has to pause
 * (redeliveries, which a retry waits for, still come at the limit).
 */
const MAX_ACK_PENDING = BUFFER_CAPACITY - 1;

/**
 * One consumer group reading one topic on JetStream: a durable pull consumer per partition
 * (explicit acks), each fetched by its own loop, so the servers of a cluster can split the
 * partitions between them and each partition keeps one reader and its order. A new group
 * starts with the events published from its creation on; an existing consumer resumes where it
 * was, and what it had delivered without an ack comes again after the ack wait, with
 * JetStream's delivery count as the attempt. A failed attempt is handed back with a nak delayed
 * by the backoff, and each consumer's `max_deliver` is the retry policy's attempts, so
 * JetStream itself counts and bounds the deliveries. The run's owner makes, resets and updates
 * the consumers; a member of a spread run only reads them.
 */
export class NatsGroupReader implements RemoteGroupReader {
  readonly buffers: FetchBuffer<JsMsg>[];
  /** Settles when every partition's fetch loop has ended after close. */
  readonly stopped: Promise<void>;
  /**
   * Settles once the durable consumers exist (or the first try failed): the topic publishes
   * after it, so a new group sees everything published from its creation on.
   */
  readonly created: Promise<void>;
  private markCreated!: () => void;
  private closed = false;
  private readonly fetching: (ConsumerMessages | undefined)[];
  /** Per partition, the stream sequences fetched and not yet finished, with their offset in the buffer. */
  private readonly held: Map<number, number>[];
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private maxDeliveries = 0;
  /** Settles when the consumers' config has the current policy. */
  private configured: Promise<unknown> = Promise.resolve();
  /** The consumers are being made (shared by every partition's loop). */
  private ensuring: Promise<void> | undefined;

  constructor(
    private readonly topic: NatsTopic,
    readonly group: string,
  ) {
    const sink = {
      ack: (partition: number, msg: JsMsg) => {
        this.held[partition].delete(msg.seq);
        msg.ack();
      },
      // Handed back: JetStream delivers it again after the backoff (the worker keeps the
      // partition's order by waiting for it) and counts the delivery.
      retry: (_partition: number, msg: JsMsg, _attempt: number, delayMs: number) => {
        msg.nak(Math.max(1, Math.round(delayMs)));
        return true;
      },
    };
    const partitions = topic.partitionCount;
    this.buffers = Array.from({ length: partitions }, (_, p) => new FetchBuffer<JsMsg>(p, sink));
    this.held = this.buffers.map(() => new Map());
    this.fetching = this.buffers.map(() => undefined);
    this.created = new Promise((resolve) => (this.markCreated = resolve));
    this.stopped = this.run();
    // Fetched events waiting their turn must not outlast the ack wait, or JetStream sends them again.
    this.heartbeat = setInterval(
      () => {
        for (const buffer of this.buffers) for (const msg of buffer.unfinishedHandles()) msg.working();
      },
      Math.max(200, topic.connection.options.ackWaitMs / 3),
    );
    this.heartbeat.unref();
  }

  /** Stops fetching; unfinished deliveries are handed back (nak) so they come again at once, except on partitions `dropHeld` names. */
  close(dropHeld?: (partition: number) => boolean): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    this.buffers.forEach((buffer, p) => {
      if (!dropHeld?.(p)) for (const msg of buffer.unfinishedHandles()) msg.nak();
    });
    for (const fetching of this.fetching) fetching?.stop();
  }

  applyPolicy(policy: ReaderPolicy): void {
    if (policy.maxDeliveries === this.maxDeliveries) return;
    this.maxDeliveries = policy.maxDeliveries;
    if (this.topic.options.member) return;
    // Consumers that exist already (a redeploy changed the policy) are updated in place.
    const limits = this.limits();
    this.configured = this.configured
      .then(() => updatePartitionConsumers(this.topic, this.group, limits))
      .catch(() => {});
  }

  private async run(): Promise<void> {
    if (this.topic.options.member) this.markCreated();
    else
      for (let failures = 0; !this.closed;) {
        try {
          await this.ensureConsumers();
          break;
        } catch {
          this.markCreated();
          await sleep(Math.min(100 * 2 ** failures++, 2000));
        }
      }
    this.markCreated();
    await Promise.all(this.buffers.map((_, p) => this.readPartition(p)));
  }

  /** Fetches partition `p` while this server reads it (all the time, unless the run spreads over a cluster). */
  private async readPartition(p: number): Promise<void> {
    const { js } = this.topic.connection;
    const reads = () => this.topic.options.reads?.(p) ?? true;
    let failures = 0;
    while (!this.closed) {
      if (!reads()) {
        await sleep(IDLE_MS);
        continue;
      }
      try {
        if (failures > 0 && !this.topic.options.member) await this.ensureConsumers();
        const consumer = await js.consumers.get(this.topic.stream, partitionDurable(this.group, p));
        // What this server already fetched of a partition that moved away stays here until finished.
        while (!this.closed && reads()) {
          const fetching = await consumer.fetch({ max_messages: FETCH_MAX, expires: 1000 });
          this.fetching[p] = fetching;
          if (this.closed) fetching.stop();
          for await (const msg of fetching) this.accept(p, msg);
          failures = 0;
        }
      } catch {
        if (this.closed) return;
        await sleep(Math.min(100 * 2 ** failures++, 2000));
      }
    }
  }

  /** Makes the missing consumers (at a reset's new start, when the group was reset), once at a time. */
  private ensureConsumers(): Promise<void> {
    this.ensuring ??= (async () => {
      await this.topic.ready;
      const restart = this.topic.restarts.get(this.group);
      const starts = restart ? await restart : undefined;
      if (!restart) await this.configured;
      await ensurePartitionConsumers(this.topic, this.group, this.limits(), starts);
      // Only now: should making them fail, the next try starts at the reset position again.
      if (this.topic.restarts.get(this.group) === restart) this.topic.restarts.delete(this.group);
    })().finally(() => (this.ensuring = undefined));
    return this.ensuring;
  }

  /** What the consumers enforce: the retry policy's deliveries, and the unacknowledged deliveries a buffer holds. */
  private limits(): ConsumerLimits {
    return {
      max_ack_pending: MAX_ACK_PENDING,
      ...(this.maxDeliveries > 0 ? { max_deliver: this.maxDeliveries } : {}),
    };
  }

  private accept(partition: number, msg: JsMsg): void {
    const { topic } = this;
    topic.inbox.post(() => {
      if (this.closed) return;
      const buffer = this.buffers[partition];
      const timeMs = Number(msg.timestampNanos / 1_000_000n);
      const decoded = decodeMessage(msg.headers, msg.string(), timeMs, topic.options.maxPayloadBytes);
      if (!decoded.ok) {
        topic.host.onRejected(
          topic,
          partition,
          decoded.reason,
          messageText(msg.subject, msg.headers, msg.string()),
        );
        msg.term(decoded.reason);
        return;
      }
      const attempt = msg.info.deliveryCount;
      const held = this.held[partition].get(msg.seq);
      if (held !== undefined && buffer.replaceHandle(held, msg, attempt)) return;
      if (buffer.room <= 0) {
        // Cannot happen within max_ack_pending; should it, the message is handed back, never overwritten.
        msg.nak(1000);
        return;
      }
      const offset = buffer.push(decoded.event, timeMs, msg, attempt, String(msg.seq), decoded.external);
      this.held[partition].set(msg.seq, offset);
      for (const listener of topic.listeners) listener.onAppend(partition);
    });
  }
}
