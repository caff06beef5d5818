import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { ReaderPolicy } from "../../runtime";
import { BUFFER_CAPACITY, FetchBuffer } from "../fetch-buffer";
import type { RemoteGroupReader } from "../remote-topic";
import type { HeldFirsts } from "./group-start";
import { decodeMessage, messageText, nameToken, partitionOf } from "./layout";
import type { NatsTopic } from "./topic";

const FETCH_MAX = 512;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Unacknowledged deliveries a consumer may have out: JetStream stops handing out new ones
 * there, so a partition's fetch buffer never overflows and fetching never has to pause
 * (redeliveries, which a retry waits for, still come at the limit).
 */
const MAX_ACK_PENDING = BUFFER_CAPACITY - 1;

/**
 * One consumer group reading one topic on JetStream through a durable pull consumer (explicit
 * acks). A new group starts with the events published from its creation on; an existing
 * consumer resumes where it was, and what it had delivered without an ack comes again after the
 * ack wait, with JetStream's delivery count as the attempt. A failed attempt is handed back
 * with a nak delayed by the backoff, and the consumer's `max_deliver` is the retry policy's
 * attempts, so JetStream itself counts and bounds the deliveries.
 */
export class NatsGroupReader implements RemoteGroupReader {
  readonly buffers: FetchBuffer<JsMsg>[];
  /** Settles when the fetch loop has ended after close. */
  readonly stopped: Promise<void>;
  private closed = false;
  private fetching: ConsumerMessages | undefined;
  /**
   * Settles once the durable consumer exists (or the first try failed): the topic publishes
   * after it, so a new group sees everything published from its creation on.
   */
  readonly created: Promise<void>;
  private markCreated!: () => void;
  /** Stream sequences fetched and not yet finished, with where they are held. */
  private readonly held = new Map<number, { partition: number; offset: number }>();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private maxDeliveries = 0;
  /** Per partition, stream sequences below this are skipped (a reset moved the partition past them). */
  private skipBelow: number[] = [];
  /** Settles when the consumer's config has the current policy. */
  private configured: Promise<unknown> = Promise.resolve();

  static durable(group: string): string {
    return `g_${nameToken(group)}`;
  }

  constructor(
    private readonly topic: NatsTopic,
    readonly group: string,
  ) {
    const sink = {
      ack: (_partition: number, msg: JsMsg) => {
        this.held.delete(msg.seq);
        msg.ack();
      },
      // Handed back: JetStream delivers it again after the backoff (the worker keeps the
      // partition's order by waiting for it) and counts the delivery.
      retry: (_partition: number, msg: JsMsg, _attempt: number, delayMs: number) => {
        msg.nak(Math.max(1, Math.round(delayMs)));
        return true;
      },
    };
    this.buffers = Array.from({ length: topic.partitionCount }, (_, p) => new FetchBuffer<JsMsg>(p, sink));
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
    this.fetching?.stop();
  }

  /** What this reader holds unfinished: how many, and the first stream sequence per partition. */
  heldFirsts(): HeldFirsts {
    const first = new Map<number, number>();
    for (const [seq, { partition }] of this.held)
      first.set(partition, Math.min(seq, first.get(partition) ?? seq));
    return { count: this.held.size, first };
  }

  applyPolicy(policy: ReaderPolicy): void {
    if (policy.maxDeliveries === this.maxDeliveries) return;
    this.maxDeliveries = policy.maxDeliveries;
    // A consumer that exists already (a redeploy changed the policy) is updated in place.
    const durable = NatsGroupReader.durable(this.group);
    const { jsm } = this.topic.connection;
    this.configured = this.configured
      .then(() => jsm.consumers.info(this.topic.stream, durable))
      .then(
        (info) =>
          info.config.max_deliver === this.maxDeliveries && info.config.max_ack_pending === MAX_ACK_PENDING
            ? undefined
            : jsm.consumers.update(this.topic.stream, durable, this.limits()),
        () => undefined,
      )
      .catch(() => {});
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        await this.topic.ready;
        await this.ensureConsumer();
        this.markCreated();
        const consumer = await this.topic.connection.js.consumers.get(
          this.topic.stream,
          NatsGroupReader.durable(this.group),
        );
        while (!this.closed) {
          this.fetching = await consumer.fetch({ max_messages: FETCH_MAX, expires: 1000 });
          for await (const msg of this.fetching) this.accept(msg);
          failures = 0;
        }
      } catch {
        this.markCreated();
        if (this.closed) return;
        await sleep(Math.min(100 * 2 ** failures++, 2000));
      }
    }
  }

  private async ensureConsumer(): Promise<void> {
    const { jsm } = this.topic.connection;
    const durable = NatsGroupReader.durable(this.group);
    const restart = this.topic.restarts.get(this.group);
    if (!restart && (await jsm.consumers.info(this.topic.stream, durable).catch(() => undefined))) {
      await this.configured;
      return;
    }
    // A new group starts after the stream's last message (the topic holds its own publishes
    // until the consumer exists). By sequence, not time: nats-server 2.9 refuses to update a
    // consumer that starts at a time, and the retry policy may change on a redeploy.
    const start = restart
      ? await restart
      : {
          config: {
            deliver_policy: DeliverPolicy.StartSequence,
            opt_start_seq: (await jsm.streams.info(this.topic.stream)).state.last_seq + 1,
          },
          skipBelow: [],
        };
    await jsm.consumers.add(this.topic.stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: this.topic.connection.options.ackWaitMs * 1_000_000,
      ...this.limits(),
      ...start.config,
    });
    // Only now: should adding fail, the next try starts at the reset position again.
    if (this.topic.restarts.get(this.group) === restart) this.topic.restarts.delete(this.group);
    this.skipBelow = start.skipBelow;
  }

  /** What the consumer enforces: the retry policy's deliveries, and the unacknowledged deliveries a buffer holds. */
  private limits() {
    return {
      max_ack_pending: MAX_ACK_PENDING,
      ...(this.maxDeliveries > 0 ? { max_deliver: this.maxDeliveries } : {}),
    };
  }

  private accept(msg: JsMsg): void {
    const { topic } = this;
    topic.inbox.post(() => {
      if (this.closed) return;
      const partition = partitionOf(msg.subject);
      if (msg.seq < (this.skipBelow[partition] ?? 0)) {
        msg.ack();
        return;
      }
      const buffer = this.buffers[partition];
      const timeMs = Number(msg.timestampNanos / 1_000_000n);
      const decoded = decodeMessage(msg.headers, msg.string(), timeMs, topic.options.maxPayloadBytes);
      if (!buffer || !decoded.ok) {
        const reason = buffer ? (decoded as { reason: string }).reason : `no partition ${msg.subject}`;
        topic.host.onRejected(
          topic,
          Math.max(0, partition),
          reason,
          messageText(msg.subject, msg.headers, msg.string()),
        );
        msg.term(reason);
        return;
      }
      const attempt = msg.info.deliveryCount;
      const held = this.held.get(msg.seq);
      if (held && this.buffers[held.partition].replaceHandle(held.offset, msg, attempt)) return;
      if (buffer.room <= 0) {
        // Cannot happen within max_ack_pending; should it, the message is handed back, never overwritten.
        msg.nak(1000);
        return;
      }
      const offset = buffer.push(decoded.event, timeMs, msg, attempt, String(msg.seq), decoded.external);
      this.held.set(msg.seq, { partition, offset });
      for (const listener of topic.listeners) listener.onAppend(partition);
    });
  }
}
