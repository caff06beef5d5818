import type { TopicConfig } from "@/lib/flow";
import { offsetRefusals, type GroupPositionTarget, type TopicHost } from "../../runtime";
import { RemoteTopic, type Outgoing } from "../remote-topic";
import type { PublishFence } from "../fencing";
import type { NatsConnection } from "./connection";
import { NatsGroupReader } from "./group-reader";
import { startAtOffsets, startOf, type PartitionStarts } from "./group-start";
import { messageHeaders, partitionDurable, streamName, subjectBase } from "./layout";

export interface NatsTopicOptions {
  flowKey: string;
  runMark: string;
  maxPayloadBytes: number;
  /** Fencing: false once this server no longer owns the run; nothing is published then. */
  fence?: PublishFence;
  /** The partitions this server reads, when a consumer group spreads over the servers of a cluster (default: all). */
  reads?: (partition: number) => boolean;
  /** A member of a spread run: it reads the consumers the run's owner made, never makes, resets or updates one. */
  member?: boolean;
}

/** Attempts to publish one event before it is recorded as dropped. */
const PUBLISH_TRIES = 10;
/** Publishes awaiting JetStream's answer at a time. */
const PUBLISH_WINDOW = 512;

/**
 * A topic on NATS JetStream: one stream, a subject per partition, retention as the stream's
 * per-subject message limit and maximum age. Appends are published once per turn of the
 * event loop and reported with their stream sequence; each consumer group reads through a
 * durable pull consumer per partition (NatsGroupReader).
 */
export class NatsTopic extends RemoteTopic<NatsGroupReader> {
  readonly backend = "nats" as const;
  readonly stream: string;
  base: string;
  /** Settles when the stream exists with this config. */
  ready: Promise<void> = Promise.resolve();
  /** A group whose position was reset: its next consumers start there (settles once the old ones are gone). */
  readonly restarts = new Map<string, Promise<PartitionStarts>>();
  private partitions = 0;
  /** A flush is publishing: appends queued meanwhile go in its next window. */
  private publishing = false;

  constructor(
    readonly connection: NatsConnection,
    nodeId: string,
    config: TopicConfig,
    host: TopicHost,
    readonly options: NatsTopicOptions,
  ) {
    super(nodeId, config, host, connection, 1000);
    const { subjectPrefix, streamPrefix } = connection.options;
    this.stream = streamName(streamPrefix, options.flowKey, config.name);
    this.base = subjectBase(subjectPrefix, options.flowKey, config.name);
    this.configure(config);
  }

  get partitionCount(): number {
    return this.partitions;
  }

  protected openReader(group: string): NatsGroupReader {
    return new NatsGroupReader(this, group);
  }

  configure(config: TopicConfig): void {
    const resized = config.partitions !== this.partitions;
    this.config = config;
    this.partitions = config.partitions;
    if (resized) {
      this.closeGroups();
      this.states = this.emptyStates(config.partitions);
    }
    this.ready = this.ensureStream();
  }

  resetGroup(group: string, target: GroupPositionTarget): void {
    const reader = this.groups.get(group);
    this.groups.delete(group);
    const starts =
      "offsets" in target
        ? startAtOffsets(target.offsets, this.partitions)
        : startOf(target, this.partitions);
    // The consumers of the partitions reset are replaced by ones that start at the target: what
    // was held there is dropped; elsewhere it is handed back, to come again at once.
    reader?.close((p) => starts[p] !== undefined);
    const { jsm } = this.connection;
    const start = (reader?.stopped ?? Promise.resolve()).then(async () => {
      await Promise.all(
        starts.map((config, p) =>
          config ? jsm.consumers.delete(this.stream, partitionDurable(group, p)).catch(() => false) : false,
        ),
      );
      return starts;
    });
    this.restarts.set(group, start);
  }

  /** A stream sequence up to that of the partition's last event (one trimmed since is fine: reading starts at the oldest held). */
  async checkOffset(partition: number, offset: string): Promise<string | undefined> {
    const where = `${this.config.name} / p${partition}`;
    if (!/^\d{1,15}$/.test(offset) || Number(offset) < 1)
      return `offset '${offset}' of ${where} is not a stream sequence (a whole number from 1)`;
    await this.ready;
    const last = await this.connection.jsm.streams
      .getMessage(this.stream, { last_by_subj: this.subject(partition) })
      .catch((error: Error) => {
        if (/no message found|404/i.test(String(error.message))) return null;
        throw error;
      });
    if (!last) return offsetRefusals.noEvents(where);
    return Number(offset) > last.seq ? offsetRefusals.beyondEnd(where, offset, String(last.seq)) : undefined;
  }

  subject(partition: number): string {
    return `${this.base}.${partition}`;
  }

  private async ensureStream(): Promise<void> {
    const { jsm } = this.connection;
    const { maxEventsPerPartition, maxAgeMs } = this.config.retention;
    const limits = { max_msgs_per_subject: maxEventsPerPartition, max_age: maxAgeMs * 1_000_000 };
    try {
      await jsm.streams.add({ name: this.stream, subjects: [`${this.base}.*`], ...limits });
    } catch {
      await jsm.streams.update(this.stream, { subjects: [`${this.base}.*`], ...limits }).catch(() => {});
    }
  }

  /**
   * Publishes queued appends, at most PUBLISH_WINDOW awaiting JetStream's answer at a time, one
   * flush at a time (so a partition's events are stored in their order); each is reported with
   * its stream sequence once stored. Unbounded, a fast producer put tens of thousands of requests
   * in flight at once: they timed out, went again, and the server spent its time on that.
   */
  protected async flush(): Promise<void> {
    if (this.closed || this.publishing || this.outgoing.length === 0) return;
    this.publishing = true;
    try {
      // Closing flushes what is queued (without trying again): the loop goes on after `closed`.
      while (this.outgoing.length > 0) {
        const batch = this.outgoing.splice(0, PUBLISH_WINDOW);
        // New groups' consumers first, so they see these events.
        await Promise.all([this.ready, ...[...this.groups.values()].map((reader) => reader.created)]);
        if (this.refusedAsFenced(batch, this.options.fence)) continue;
        const again = await this.publish(batch);
        if (again.length === 0) continue;
        // Publishes that failed (NATS away, a request that timed out) go again once NATS answers,
        // in their order and before anything newer; the message id lets JetStream drop a copy it stored.
        this.outgoing = [...again, ...this.outgoing];
        await this.whenReachable();
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      this.publishing = false;
    }
  }

  /** Publishes `batch` at once and reports what was stored or failed for good; returns what should go again. */
  private async publish(batch: Outgoing[]): Promise<Outgoing[]> {
    const { js } = this.connection;
    const results = await Promise.allSettled(
      batch.map((out) =>
        js.publish(this.subject(out.partition), JSON.stringify(out.event.data), {
          headers: messageHeaders(out.event, this.options.runMark),
          msgID: out.event.id,
        }),
      ),
    );
    const stored: [Outgoing, number][] = [];
    const failed: [Outgoing, string][] = [];
    const again: Outgoing[] = [];
    results.forEach((result, i) => {
      const out = batch[i];
      if (result.status === "fulfilled") stored.push([out, result.value.seq]);
      else if (!this.closed && (out.tries ?? 0) < PUBLISH_TRIES)
        again.push({ ...out, tries: (out.tries ?? 0) + 1 });
      else failed.push([out, `broker-error: ${String(result.reason)}`]);
    });
    this.inbox.post(() => {
      for (const [out, seq] of stored) this.reportStored(out, Date.now(), String(seq));
      for (const [out, reason] of failed) this.reportFailed(out, reason);
    });
    return again;
  }

  private whenReachable(): Promise<void> {
    if (this.connection.reachable || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const off = this.connection.onReachability((reachable) => {
        if (!reachable) return;
        off();
        resolve();
      });
    });
  }

  protected async tidy(): Promise<void> {
    if (this.closed || !this.connection.reachable) return;
    try {
      const info = await this.connection.jsm.streams.info(this.stream, { subjects_filter: ">" });
      const subjects = (info.state.subjects ?? {}) as Record<string, number>;
      this.states = this.states.map((state) => {
        const size = subjects[this.subject(state.partition)] ?? 0;
        return { ...state, size, endOffset: Math.max(state.endOffset, size) };
      });
    } catch {
      // Reported through the connection; the next round tries again.
    }
  }
}
