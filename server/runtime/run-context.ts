import type { EventEnvelope } from "@/lib/events";
import { fnv1a } from "./random";
import type { EventShape } from "./broker/partition-log";
import type { TopicState } from "./broker/topic";
import type { NodeMetrics } from "./metrics/node-metrics";
import type { ResolvedOptions } from "./options";
import type { Clock, RandomSource, RecordSink, Scheduler } from "./ports";
import { O_PUBLISHED, type RecordSite } from "./records/outcomes";
import { RecordRing } from "./records/record-ring";

/**
 * What every producer, topic and consumer of one run shares: ports, options, the record
 * ring and the publish path. One object, passed by reference; nothing here allocates per event.
 */
export class RunContext {
  readonly ring: RecordRing;
  readonly recordsOn: boolean;
  /** Workers holding a delivery (processing, awaiting a transform or a retry). */
  busyWorkers = 0;
  private flushedSeq = 0;
  private eventCount = 0;
  private capSecond = -1;
  private capCount = 0;
  /** The id nextEventId made last (its number is eventCount), to recognise plain producer events. */
  private lastEventId = "";
  private shape: EventShape | undefined;

  constructor(
    readonly clock: Clock,
    readonly scheduler: Scheduler,
    readonly random: RandomSource,
    readonly options: ResolvedOptions,
    readonly sink: RecordSink | undefined,
    readonly eventIdPrefix: string,
  ) {
    this.ring = new RecordRing(options.historySize);
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
  ): void {
    if (!this.recordsOn) return;
    // Hand unflushed records to the sink before the ring overwrites them.
    if (this.sink !== undefined && this.ring.seq - this.flushedSeq >= this.ring.capacity) this.flush();
    this.ring.write(outcome, event, site, partition, offset, attempt, atMs, latencyMs, reason);
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
   * Appends `event` to a partition of `topic` (by stable hash of `key`, else round-robin),
   * records `published` at `site` and wakes the topic's subscriptions.
   */
  publish(
    topic: TopicState,
    event: EventEnvelope,
    site: RecordSite,
    key: string | undefined,
    publisher: NodeMetrics,
    nowMs: number,
  ): void {
    const n = topic.logs.length;
    const partition = key === undefined ? topic.roundRobin++ % n : fnv1a(key) % n;
    // A plain event (no cause, no subject) with the newest id can be stored compactly by the log.
    const plain =
      event.id === this.lastEventId &&
      event.hopcount === 0 &&
      event.correlationid === event.id &&
      event.causationid === undefined &&
      event.subject === undefined;
    const offset = plain
      ? topic.logs[partition].append(event, nowMs, this.eventCount, this.shapeOf(event))
      : topic.logs[partition].append(event, nowMs);
    this.record(O_PUBLISHED, event, site, partition, offset, 0, nowMs, -1);
    publisher.counts[O_PUBLISHED]++;
    publisher.countOut(nowMs);
    topic.metrics.counts[O_PUBLISHED]++;
    topic.metrics.countIn(nowMs);
    const listeners = topic.listeners;
    for (let i = 0; i < listeners.length; i++) listeners[i].onAppend(partition);
  }
}
