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
import type { RedisConnection } from "./connection";
import { RedisGroupReader } from "./group-reader";
import { entryFields, entryTimeMs, streamKey } from "./layout";

export interface RedisTopicOptions {
  flowKey: string;
  runMark: string;
  maxPayloadBytes: number;
}

interface Outgoing {
  partition: number;
  event: EventEnvelope;
  site: RecordSite;
  publisher: NodeMetrics;
}

const PUBLISH_BATCH = 1000;

/**
 * A topic on Redis Streams: one stream per partition. Appends are queued and written as
 * pipelined XADDs (MAXLEN ~ retention) once per turn of the event loop; each consumer group
 * reads through a RedisGroupReader. Housekeeping (reclaiming entries of dead consumers,
 * age retention, partition figures) runs on a timer.
 */
export class RedisTopic implements TopicPort {
  readonly backend = "redis" as const;
  readonly metrics: NodeMetrics;
  listeners: AppendListener[] = [];
  roundRobin = 0;
  readonly inbox: EngineInbox;
  keys: string[] = [];
  closed = false;
  private readonly groups = new Map<string, RedisGroupReader>();
  private outgoing: Outgoing[] = [];
  private flushQueued = false;
  private states: TopicPartitionState[] = [];
  private readonly housekeeping: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    readonly connection: RedisConnection,
    readonly nodeId: string,
    public config: TopicConfig,
    readonly host: TopicHost,
    readonly options: RedisTopicOptions,
  ) {
    this.metrics = new NodeMetrics(nodeId, "topic");
    this.inbox = new EngineInbox(host);
    this.configure(config, host.clock.now());
    const every = Math.max(100, Math.min(1000, connection.options.visibilityTimeoutMs / 2));
    this.housekeeping = setInterval(() => void this.tidy(), every);
    this.housekeeping.unref();
    this.unsubscribe = connection.onReachability((reachable, reason) =>
      this.inbox.post(() => host.onConnectivity("redis", reachable, reason)),
    );
  }

  get partitionCount(): number {
    return this.keys.length;
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
      setImmediate(() => this.flush());
    }
    return -1;
  }

  reader(group: string, partition: number): PartitionReader {
    let reader = this.groups.get(group);
    if (!reader) {
      reader = new RedisGroupReader(this, group);
      this.groups.set(group, reader);
    }
    return reader.buffers[partition];
  }

  configure(config: TopicConfig, _nowMs: number): void {
    const resized = config.partitions !== this.keys.length || config.name !== this.config.name;
    this.config = config;
    if (!resized) return;
    for (const reader of this.groups.values()) reader.close();
    this.groups.clear();
    this.keys = Array.from({ length: config.partitions }, (_, p) =>
      streamKey(this.connection.options.keyPrefix, this.options.flowKey, config.name, p),
    );
    this.states = this.keys.map((_, partition) => ({
      partition,
      baseOffset: 0,
      endOffset: 0,
      size: 0,
      trimmed: 0,
    }));
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
    // Whatever this server held is skipped (reset to latest) or comes again from the new position.
    reader?.close(true);
    const client = this.connection.client;
    for (const key of this.keys) {
      const id =
        "to" in target
          ? target.to === "earliest"
            ? "0"
            : "$"
          : `${Math.max(0, Math.floor(target.timestampMs) - 1)}-18446744073709551615`;
      client.xGroupSetId(key, group, id).catch(() => {});
    }
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
    this.flush();
    this.closed = true;
    this.inbox.closed = true;
    clearInterval(this.housekeeping);
    this.unsubscribe();
    for (const reader of this.groups.values()) reader.close();
    this.groups.clear();
  }

  /** Writes queued appends as pipelined XADDs and reports each stored entry to the run. */
  private flush(): void {
    this.flushQueued = false;
    if (this.closed || this.outgoing.length === 0) return;
    const all = this.outgoing;
    this.outgoing = [];
    const { maxEventsPerPartition } = this.config.retention;
    for (let start = 0; start < all.length; start += PUBLISH_BATCH) {
      const batch = all.slice(start, start + PUBLISH_BATCH);
      const pipeline = this.connection.client.multi();
      for (const out of batch)
        pipeline.xAdd(this.keys[out.partition], "*", entryFields(out.event, this.options.runMark), {
          TRIM: { strategy: "MAXLEN", strategyModifier: "~", threshold: maxEventsPerPartition },
        });
      pipeline.execAsPipeline().then(
        (ids) =>
          this.inbox.post(() => {
            batch.forEach((out, i) =>
              this.host.onStored(
                this,
                out.event,
                out.site,
                out.partition,
                -1,
                out.publisher,
                entryTimeMs(String(ids[i])),
              ),
            );
          }),
        (error: Error) =>
          this.inbox.post(() => {
            for (const out of batch)
              this.host.onPublishFailed(
                this,
                out.event,
                out.site,
                out.publisher,
                `broker-error: ${error.message}`,
              );
          }),
      );
    }
  }

  /** Reclaims dead consumers' entries, trims by age, refreshes the partition figures. */
  private async tidy(): Promise<void> {
    if (this.closed || !this.connection.client.isReady) return;
    const client = this.connection.client;
    try {
      const { maxAgeMs } = this.config.retention;
      if (maxAgeMs > 0) {
        const minId = `${Math.max(0, Date.now() - maxAgeMs)}-0`;
        await Promise.all(
          this.keys.map((key) => client.xTrim(key, "MINID", minId, { strategyModifier: "~" })),
        );
      }
      for (const reader of this.groups.values()) await reader.reclaim();
      const infos = await Promise.all(this.keys.map((key) => client.xInfoStream(key).catch(() => undefined)));
      this.states = infos.map((info, partition) => {
        const size = Number(info?.length ?? 0);
        const added = Number((info as Record<string, unknown> | undefined)?.["entries-added"] ?? size);
        return { partition, baseOffset: added - size, endOffset: added, size, trimmed: added - size };
      });
    } catch {
      // The connection's error listener reports it; the next round tries again.
    }
  }
}
