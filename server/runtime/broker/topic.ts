import type { TopicConfig } from "@/lib/flow";
import { NodeMetrics } from "../metrics/node-metrics";
import { PartitionLog } from "./partition-log";

/** Whatever wants to hear that a partition grew: a consumer group's subscription. */
export interface AppendListener {
  onAppend(partition: number): void;
}

/**
 * The in-memory broker's topic: partition logs plus the subscriptions to wake on append.
 * Survives redeploys while its node exists, so logs and offsets carry over.
 */
export class TopicState {
  logs: PartitionLog[] = [];
  listeners: AppendListener[] = [];
  /** Round-robin cursor for events without a partition key. */
  roundRobin = 0;
  readonly metrics: NodeMetrics;

  constructor(
    readonly nodeId: string,
    public config: TopicConfig,
  ) {
    this.metrics = new NodeMetrics(nodeId, "topic");
    this.configure(config, 0);
  }

  get name(): string {
    return this.config.name;
  }

  /**
   * Applies a (new) config: partitions may grow (new empty logs) or shrink (the extra logs are
   * dropped, as their events can no longer be addressed); retention applies at once.
   */
  configure(config: TopicConfig, nowMs: number): void {
    this.config = config;
    const { maxEventsPerPartition, maxAgeMs } = config.retention;
    this.logs.length = Math.min(this.logs.length, config.partitions);
    for (const log of this.logs) {
      log.maxEvents = maxEventsPerPartition;
      log.maxAgeMs = maxAgeMs;
      log.enforceRetention(nowMs);
    }
    while (this.logs.length < config.partitions)
      this.logs.push(new PartitionLog(maxEventsPerPartition, maxAgeMs));
  }
}
