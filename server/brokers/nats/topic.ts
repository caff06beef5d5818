import type { EventEnvelope } from "@/lib/events";
import type { TopicConfig } from "@/lib/flow";
import {
  NodeMetrics,
  type AppendListener,
  type GroupPositionTarget,
  type PartitionReader,
  type RecordSite,
  type TopicHost,
  type TopicPartitionState,
  type TopicPort,
} from "../../runtime";
import { EngineInbox } from "../engine-inbox";
import type { NatsConnection } from "./connection";
import { NatsGroupReader } from "./group-reader";
import { messageHeaders, streamName, subjectBase } from "./layout";

export interface NatsTopicOptions {
  flowKey: string;
  runMark: string;
  maxPayloadBytes: number;
}

interface Outgoing {
  /** Publish attempts that failed so far. */
  tries?: number;
  partition: number;
  event: EventEnvelope;
  site: RecordSite;
  publisher: NodeMetrics;
}

/** Attempts to publish one event before it is recorded as dropped. */
const PUBLISH_TRIES = 10;

/**
 * A topic on NATS JetStream: one stream, a subject per partition, retention as the stream's
 * per-subject message limit and maximum age. Appends are published once per turn of the
 * event loop and reported with their stream sequence; each consumer group reads through a
 * durable pull consumer (NatsGroupReader).
 */
export class NatsTopic implements TopicPort {
  readonly backend = "nats" as const;
  readonly metrics: NodeMetrics;
  listeners: AppendListener[] = [];
  roundRobin = 0;
  readonly inbox: EngineInbox;
  readonly stream: string;
  base: string;
  closed = false;
  /** Settles when the stream exists with this config. */
  ready: Promise<void> = Promise.resolve();
  /** A group whose position was reset: its next consumer starts there. */
  readonly restarts = new Map<string, { target: GroupPositionTarget; done: Promise<unknown> }>();
  private readonly groups = new Map<string, NatsGroupReader>();
  private outgoing: Outgoing[] = [];
  private flushQueued = false;
  private states: TopicPartitionState[] = [];
  private readonly housekeeping: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;
  private partitions = 0;

  constructor(
    readonly connection: NatsConnection,
    readonly nodeId: string,
    public config: TopicConfig,
    readonly host: TopicHost,
    readonly options: NatsTopicOptions,
  ) {
    this.metrics = new NodeMetrics(nodeId, "topic");
    this.inbox = new EngineInbox(host);
    const { subjectPrefix, streamPrefix } = connection.options;
    this.stream = streamName(streamPrefix, options.flowKey, config.name);
    this.base = subjectBase(subjectPrefix, options.flowKey, config.name);
    this.configure(config, host.clock.now());
    this.housekeeping = setInterval(() => void this.refreshStates(), 1000);
    this.housekeeping.unref();
    this.unsubscribe = connection.onReachability((reachable, reason) =>
      this.inbox.post(() => host.onConnectivity("nats", reachable, reason)),
    );
  }

  get partitionCount(): number {
    return this.partitions;
  }

  append(
    partition: number,
    event: EventEnvelope,
    _atMs: number,
    _idNo: number,
    _shape: unknown,
    site: RecordSite,
    publisher: NodeMetrics,
  ): number {
    this.outgoing.push({ partition, event, site, publisher });
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => void this.flush());
    }
    return -1;
  }

  reader(group: string, partition: number): PartitionReader {
    let reader = this.groups.get(group);
    if (!reader) {
      reader = new NatsGroupReader(this, group);
      this.groups.set(group, reader);
    }
    return reader.buffers[partition];
  }

  configure(config: TopicConfig, _nowMs?: number): void {
    const resized = config.partitions !== this.partitions;
    this.config = config;
    this.partitions = config.partitions;
    if (resized) {
      for (const reader of this.groups.values()) reader.close();
      this.groups.clear();
      this.states = Array.from({ length: config.partitions }, (_, partition) => ({
        partition,
        baseOffset: 0,
        endOffset: 0,
        size: 0,
        trimmed: 0,
      }));
    }
    this.ready = this.ensureStream();
  }

  releaseGroups(keep: ReadonlySet<string>): void {
    for (const [name, reader] of this.groups)
      if (!keep.has(name)) {
        reader.close();
        this.groups.delete(name);
      }
  }

  resetGroup(group: string, target: GroupPositionTarget): void {
    const reader = this.groups.get(group);
    this.groups.delete(group);
    reader?.close(true);
    // The durable consumer is replaced by one that starts at the target.
    const done = (reader?.stopped ?? Promise.resolve())
      .then(() => this.connection.jsm.consumers.delete(this.stream, NatsGroupReader.durable(group)))
      .catch(() => {});
    this.restarts.set(group, { target, done });
  }

  partitionStates(): TopicPartitionState[] {
    return this.states;
  }

  findEvent(eventId: string): EventEnvelope | undefined {
    for (const reader of this.groups.values()) {
      const event = reader.findEvent(eventId);
      if (event) return event;
    }
    return undefined;
  }

  close(): void {
    if (this.closed) return;
    void this.flush();
    this.closed = true;
    this.inbox.closed = true;
    clearInterval(this.housekeeping);
    this.unsubscribe();
    for (const reader of this.groups.values()) reader.close();
    this.groups.clear();
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

  /** Publishes queued appends; each is reported with its stream sequence once JetStream stored it. */
  private async flush(): Promise<void> {
    this.flushQueued = false;
    if (this.closed || this.outgoing.length === 0) return;
    const batch = this.outgoing;
    this.outgoing = [];
    await this.ready.catch(() => {});
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
      for (const [out, seq] of stored)
        this.host.onStored(this, out.event, out.site, out.partition, seq, out.publisher, Date.now());
      for (const [out, reason] of failed)
        this.host.onPublishFailed(this, out.event, out.site, out.publisher, reason);
    });
    if (again.length === 0) return;
    // Publishes that failed (NATS away, a request that timed out) go again once NATS answers, in
    // their order and before anything newer; the message id lets JetStream drop a copy it stored.
    this.outgoing = [...again, ...this.outgoing];
    await this.whenReachable();
    await new Promise((resolve) => setTimeout(resolve, 200));
    void this.flush();
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

  private async refreshStates(): Promise<void> {
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
