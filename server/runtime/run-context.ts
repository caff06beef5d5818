import { createEvent, type EventEnvelope } from "@/lib/events";
import type { HttpExchange } from "@/lib/events/delivery";
import { fnv1a } from "./random";
import type { TopicBackend } from "@/lib/flow";
import type { EventShape } from "./broker/partition-log";
import type { TopicHost, TopicPort } from "./broker/port";
import type { NodeMetrics } from "./metrics/node-metrics";
import type { ResolvedOptions } from "./options";
import type { Clock, RandomSource, RecordSink, Scheduler, WebhookPort, TransformEvaluator } from "./ports";
import { O_DROPPED, O_PUBLISHED, type RecordSite } from "./records/outcomes";
import { RecordRing } from "./records/record-ring";
import { RunMemory } from "./run-memory";

/** A run given no HTTP client refuses every webhook delivery (it is dead-lettered, not retried). */
const NO_WEBHOOK_CLIENT: WebhookPort = {
  deliver: async () => ({ status: null, durationMs: 0, error: "this run has no HTTP client", refused: true }),
};

/**
 * What every producer, topic and consumer of one run shares: ports, options, the record
 * ring and the publish path. One object, passed by reference; nothing here allocates per event.
 */
export class RunContext implements TopicHost {
  readonly ring: RecordRing;
  /** The run's memory budget, which the embedded topic logs and the history count towards. */
  readonly memory: RunMemory;
  readonly recordsOn: boolean;
  /** Workers holding a delivery (processing, awaiting a transform or a retry). */
  busyWorkers = 0;
  private flushedSeq = 0;
  private rejectedCount = 0;
  private eventCount = 0;
  private capSecond = -1;
  private capCount = 0;
  /** The id nextEventId made last (its number is eventCount), to recognise plain producer events. */
  private lastEventId = "";
  private shape: EventShape | undefined;
  /** Where webhook consumers deliver (set by the run from its ports). */
  webhooks: WebhookPort = NO_WEBHOOK_CLIENT;
  /** Called when a remote broker stops or starts answering (the run's status shows it). */
  connectivity: (backend: TopicBackend, reachable: boolean, reason?: string) => void = () => {};

  constructor(
    readonly clock: Clock,
    readonly scheduler: Scheduler,
    readonly random: RandomSource,
    readonly options: ResolvedOptions,
    readonly sink: RecordSink | undefined,
    readonly eventIdPrefix: string,
    /** Where transforms run (a process pool on a live server). */
    readonly transforms: TransformEvaluator,
  ) {
    const budget = options.maxMemoryBytes;
    this.memory = new RunMemory(budget * 0.75, budget * 0.25);
    this.ring = new RecordRing(options.historySize, this.memory.historyLimit);
    this.recordsOn = options.recordsEnabled;
  }

  /** A new event id, unique within the run and reproducible from its seed. */
  nextEventId(): string {
    return (this.lastEventId = this.eventIdPrefix + (++this.eventCount).toString(36));
  }

  /** Writes one delivery record (when records are on); see RecordRing.write for the fields. */
  record(
    outcome: number,
    event: EventEnvelope,
    site: RecordSite,
    partition: number,
    offset: number,
    attempt: number,
    atMs: number,
    latencyMs: number,
    reason?: string,
    http?: HttpExchange,
    position?: string,
  ): void {
    if (!this.recordsOn) return;
    // Hand unflushed records to the sink before the ring overwrites them.
    if (this.sink !== undefined && this.ring.seq - this.flushedSeq >= this.ring.capacity) this.flush();
    this.ring.write(
      outcome,
      event,
      site,
      partition,
      offset,
      attempt,
      atMs,
      latencyMs,
      reason,
      http,
      position,
    );
  }

  /** Passes records written since the last flush to the sink. */
  flush(): void {
    if (this.sink === undefined || this.flushedSeq === this.ring.seq) return;
    const range = this.ring.range(this.flushedSeq, this.ring.seq);
    this.flushedSeq = this.ring.seq;
    this.sink.onRecords(range);
  }

  /** The shared shape for an event's source and type (one is kept; producers rarely alternate). */
  private shapeOf(event: EventEnvelope): EventShape {
    const shape = this.shape;
    if (shape !== undefined && shape.source === event.source && shape.type === event.type) return shape;
    return (this.shape = { prefix: this.eventIdPrefix, source: event.source, type: event.type });
  }

  /** True when the run-wide cap on published events per second lets one more through. */
  admitEvent(nowMs: number): boolean {
    if (this.options.maxEventsPerSec === Infinity) return true;
    const s = Math.floor(nowMs / 1000);
    if (s !== this.capSecond) {
      this.capSecond = s;
      this.capCount = 0;
    }
    return ++this.capCount <= this.options.maxEventsPerSec;
  }

  /**
   * True when the run-wide cap lets all `n` events through this second; otherwise admits none
   * (an HTTP batch is published whole or not at all).
   */
  admitEvents(n: number, nowMs: number): boolean {
    if (this.options.maxEventsPerSec === Infinity) return true;
    const s = Math.floor(nowMs / 1000);
    if (s !== this.capSecond) {
      this.capSecond = s;
      this.capCount = 0;
    }
    if (this.capCount + n > this.options.maxEventsPerSec) return false;
    this.capCount += n;
    return true;
  }

  /** The partition the last `publish` chose (read right after it; saves an allocation per event). */
  lastPartition = 0;

  /**
   * Appends `event` to a partition of `topic` (by stable hash of `key`, else round-robin).
   * Stored at once (embedded), it is recorded `published` and wakes the topic's
   * subscriptions; a remote broker reports it through onStored once written. Returns the
   * offset, or −1 when the broker reports it later; the partition is in `lastPartition`.
   */
  publish(
    topic: TopicPort,
    event: EventEnvelope,
    site: RecordSite,
    key: string | undefined,
    publisher: NodeMetrics,
    nowMs: number,
  ): number {
    const n = topic.partitionCount;
    const partition = key === undefined ? topic.roundRobin++ % n : fnv1a(key) % n;
    this.lastPartition = partition;
    // A plain event (no cause, no subject) with the newest id can be stored compactly by the log.
    const plain =
      event.id === this.lastEventId &&
      event.hopcount === 0 &&
      event.correlationid === event.id &&
      event.causationid === undefined &&
      event.subject === undefined;
    const offset = plain
      ? topic.append(partition, event, nowMs, this.eventCount, this.shapeOf(event), site, publisher)
      : topic.append(partition, event, nowMs, -1, undefined, site, publisher);
    if (offset < 0) return offset;
    this.onStored(topic, event, site, partition, offset, publisher, nowMs);
    const listeners = topic.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i].onAppend(partition);
    // A subscriber woken above may have published (a reply) in the meantime.
    this.lastPartition = partition;
    return offset;
  }

  /** Records an appended event as `published` and counts it (see TopicHost). */
  onStored(
    topic: TopicPort,
    event: EventEnvelope,
    site: RecordSite,
    partition: number,
    offset: number,
    publisher: NodeMetrics,
    atMs: number,
    position?: string,
  ): void {
    this.record(O_PUBLISHED, event, site, partition, offset, 0, atMs, -1, undefined, undefined, position);
    publisher.counts[O_PUBLISHED]++;
    publisher.countOut(atMs);
    topic.metrics.counts[O_PUBLISHED]++;
    topic.metrics.countIn(atMs);
  }

  onPublishFailed(
    _topic: TopicPort,
    event: EventEnvelope,
    site: RecordSite,
    publisher: NodeMetrics,
    reason: string,
  ): void {
    const now = this.clock.now();
    this.record(O_DROPPED, event, site, -1, -1, 0, now, -1, reason);
    publisher.counts[O_DROPPED]++;
  }

  onRejected(topic: TopicPort, partition: number, reason: string, raw: string): void {
    const now = this.clock.now();
    const id = `rejected-${topic.nodeId}-${partition}-${++this.rejectedCount}`;
    const event = createEvent({
      id,
      source: "/eventloom/rejected",
      type: "eventloom.rejected",
      timeMs: Math.floor(now),
      data: { raw: raw.length > 2048 ? raw.slice(0, 2048) + "…" : raw },
    });
    const site = { nodeId: topic.nodeId, topicNodeId: topic.nodeId, topic: topic.config.name };
    this.record(O_DROPPED, event, site, partition, -1, 0, now, -1, `rejected: ${reason}`);
    topic.metrics.counts[O_DROPPED]++;
  }

  onConnectivity(backend: TopicBackend, reachable: boolean, reason?: string): void {
    this.connectivity(backend, reachable, reason);
  }
}
