import type { EventEnvelope } from "@/lib/events";
import type { TopicConfig } from "@/lib/flow";
import { NodeMetrics } from "../metrics/node-metrics";
import type { RunMemory } from "../run-memory";
import { PartitionLog, type EventShape } from "./partition-log";
import type {
  AppendListener,
  GroupPositionTarget,
  PartitionReader,
  TopicPartitionState,
  TopicPort,
} from "./port";

/** The refusals of a replay offset, the same words on every backend. */
export const offsetRefusals = {
  noEvents: (where: string) => `${where} has no events yet: there is no offset to replay from`,
  beyondEnd: (where: string, offset: string, last: string) =>
    `offset ${offset} is beyond the end of ${where} (its last event is at ${last})`,
};

/**
 * The embedded broker's reader: the group walks the topic's own log, and its committed offset
 * lives in the group's cursor, so there is nothing to tell anyone.
 */
class EmbeddedReader implements PartitionReader {
  constructor(readonly log: PartitionLog) {}
  firstAttempt(): number {
    return 1;
  }
  commit(): void {}
  retrying(): boolean {
    return false;
  }
}

/**
 * The embedded (in-memory) broker's topic: partition logs plus the subscriptions to wake on
 * append. Survives redeploys while its node exists, so logs and offsets carry over.
 */
export class TopicState implements TopicPort {
  readonly backend = "embedded" as const;
  logs: PartitionLog[] = [];
  listeners: AppendListener[] = [];
  roundRobin = 0;
  readonly metrics: NodeMetrics;

  constructor(
    readonly nodeId: string,
    public config: TopicConfig,
    /** The run's memory budget, which the logs' bytes count towards. */
    private readonly memory?: RunMemory,
  ) {
    this.metrics = new NodeMetrics(nodeId, "topic");
    this.configure(config, 0);
  }

  get name(): string {
    return this.config.name;
  }

  get partitionCount(): number {
    return this.logs.length;
  }

  append(partition: number, event: EventEnvelope, atMs: number, idNo: number, shape?: EventShape): number {
    return this.logs[partition].append(event, atMs, idNo, shape);
  }

  reader(_group: string, partition: number): PartitionReader {
    return new EmbeddedReader(this.logs[partition]);
  }

  /**
   * Applies a (new) config: partitions may grow (new empty logs) or shrink (the extra logs are
   * dropped, as their events can no longer be addressed); retention applies at once.
   */
  configure(config: TopicConfig, nowMs: number): void {
    this.config = config;
    const { maxEventsPerPartition, maxAgeMs } = config.retention;
    for (const dropped of this.logs.slice(config.partitions)) dropped.clear();
    this.logs.length = Math.min(this.logs.length, config.partitions);
    for (const log of this.logs) {
      log.maxEvents = maxEventsPerPartition;
      log.maxAgeMs = maxAgeMs;
      log.enforceRetention(nowMs);
    }
    while (this.logs.length < config.partitions)
      this.logs.push(new PartitionLog(maxEventsPerPartition, maxAgeMs, this.memory));
  }

  releaseGroups(): void {}

  /** Positions live in the groups' cursors here; the run moves them (see Topology.resetOffsets). */
  resetGroup(_group: string, _target: GroupPositionTarget): void {}

  /** A log offset of an event published to the partition (one trimmed since is fine: the group starts at the oldest held). */
  async checkOffset(partition: number, offset: string): Promise<string | undefined> {
    const where = `${this.config.name} / p${partition}`;
    if (!/^\d{1,15}$/.test(offset))
      return `offset '${offset}' of ${where} is not a log offset (a whole number)`;
    const last = this.logs[partition].endOffset - 1;
    if (last < 0) return offsetRefusals.noEvents(where);
    return Number(offset) > last ? offsetRefusals.beyondEnd(where, offset, String(last)) : undefined;
  }

  partitionStates(nowMs: number): TopicPartitionState[] {
    return this.logs.map((log, partition) => {
      log.enforceRetention(nowMs);
      return {
        partition,
        baseOffset: log.baseOffset,
        endOffset: log.endOffset,
        size: log.size,
        trimmed: log.trimmed,
      };
    });
  }

  findEvent(eventId: string): EventEnvelope | undefined {
    for (const log of this.logs) {
      const event = log.findById(eventId);
      if (event) return event;
    }
    return undefined;
  }

  /** The run is over: its events go at once (the history keeps a bounded part for the inspector). */
  close(): void {
    for (const log of this.logs) log.clear();
  }
}
