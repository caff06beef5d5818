import { AckPolicy, DeliverPolicy, type ConsumerMessages, type JsMsg } from "@nats-io/jetstream";
import type { EventEnvelope } from "@/lib/events";
import type { GroupPositionTarget } from "../../runtime";
import { FetchBuffer } from "../fetch-buffer";
import { decodeMessage, messageText, nameToken, partitionOf } from "./layout";
import type { NatsTopic } from "./topic";

const FETCH_MAX = 512;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One consumer group reading one topic on JetStream through a durable pull consumer (explicit
 * acks). A new group starts with the events published from its creation on; an existing
 * consumer resumes where it was, and what it had delivered without an ack comes again after the
 * ack wait, with JetStream's delivery count as the attempt.
 */
export class NatsGroupReader {
  readonly buffers: FetchBuffer<JsMsg>[];
  /** Settles when the fetch loop has ended after close. */
  readonly stopped: Promise<void>;
  private closed = false;
  private fetching: ConsumerMessages | undefined;
  private roomWaiter: (() => void) | undefined;
  private readonly createdAt = new Date();
  /** Stream sequences fetched and not yet finished, with where they are held. */
  private readonly held = new Map<number, { partition: number; offset: number }>();
  private readonly heartbeat: ReturnType<typeof setInterval>;

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
        const waiter = this.roomWaiter;
        this.roomWaiter = undefined;
        waiter?.();
      },
      // The worker holds the event through its backoff (order per partition); JetStream is told it is in progress.
      retry: (_partition: number, msg: JsMsg) => msg.working(),
    };
    this.buffers = Array.from({ length: topic.partitionCount }, (_, p) => new FetchBuffer<JsMsg>(p, sink));
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

  /** Stops fetching; unfinished deliveries are handed back (nak) so they come again at once, unless `dropHeld`. */
  close(dropHeld = false): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.heartbeat);
    if (!dropHeld) for (const buffer of this.buffers) for (const msg of buffer.unfinishedHandles()) msg.nak();
    this.fetching?.stop();
    this.roomWaiter?.();
  }

  findEvent(eventId: string): EventEnvelope | undefined {
    for (const buffer of this.buffers) {
      const event = buffer.log.findById(eventId);
      if (event) return event;
    }
    return undefined;
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.closed) {
      try {
        await this.topic.ready;
        await this.ensureConsumer();
        const consumer = await this.topic.connection.js.consumers.get(
          this.topic.stream,
          NatsGroupReader.durable(this.group),
        );
        while (!this.closed) {
          const room = Math.min(...this.buffers.map((b) => b.room));
          if (room <= 0) {
            await new Promise<void>((resolve) => (this.roomWaiter = resolve));
            continue;
          }
          this.fetching = await consumer.fetch({ max_messages: Math.min(FETCH_MAX, room), expires: 1000 });
          for await (const msg of this.fetching) this.accept(msg);
          failures = 0;
        }
      } catch {
        if (this.closed) return;
        await sleep(Math.min(100 * 2 ** failures++, 2000));
      }
    }
  }

  private async ensureConsumer(): Promise<void> {
    const { jsm } = this.topic.connection;
    const durable = NatsGroupReader.durable(this.group);
    const restart = this.topic.restarts.get(this.group);
    if (restart) {
      await restart.done;
      this.topic.restarts.delete(this.group);
    } else if (await jsm.consumers.info(this.topic.stream, durable).catch(() => undefined)) return;
    await jsm.consumers.add(this.topic.stream, {
      durable_name: durable,
      ack_policy: AckPolicy.Explicit,
      ack_wait: this.topic.connection.options.ackWaitMs * 1_000_000,
      max_ack_pending: -1,
      ...startOf(restart?.target, this.createdAt),
    });
  }

  private accept(msg: JsMsg): void {
    const { topic } = this;
    topic.inbox.post(() => {
      if (this.closed) return;
      const partition = partitionOf(msg.subject);
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
      const held = this.held.get(msg.seq);
      if (held && this.buffers[held.partition].replaceHandle(held.offset, msg)) return;
      const offset = buffer.push(decoded.event, timeMs, msg, msg.info.deliveryCount, decoded.external);
      this.held.set(msg.seq, { partition, offset });
      for (const listener of topic.listeners) listener.onAppend(partition);
    });
  }
}

function startOf(target: GroupPositionTarget | undefined, createdAt: Date) {
  if (target && "to" in target)
    return { deliver_policy: target.to === "earliest" ? DeliverPolicy.All : DeliverPolicy.New };
  const from = target ? new Date(target.timestampMs) : createdAt;
  return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.toISOString() };
}
