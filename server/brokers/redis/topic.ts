import type { TopicConfig } from "@/lib/flow";
import { offsetRefusals, type GroupPositionTarget, type TopicHost } from "../../runtime";
import { RemoteTopic } from "../remote-topic";
import type { PublishFence } from "../fencing";
import type { RedisConnection } from "./connection";
import { RedisGroupReader } from "./group-reader";
import { compareEntryIds, entryIdBefore, parseEntryId } from "./entry-id";
import { entryFields, entryTimeMs, streamKey } from "./layout";
import { appendCall, refusedByFence } from "./append-script";

export interface RedisTopicOptions {
  flowKey: string;
  runMark: string;
  maxPayloadBytes: number;
  /** Fencing: nothing is written to Redis once this server no longer owns the run. */
  fence?: PublishFence;
  /**
   * The partitions this server reads, when a consumer group spreads over the servers of a
   * cluster (asked again before every read; default: all of them).
   */
  reads?: (partition: number) => boolean;
}

const PUBLISH_BATCH = 1000;

/**
 * A topic on Redis Streams: one stream per partition. Appends are queued and written once per
 * turn of the event loop by a script (XADDs with MAXLEN ~ retention, behind the run's fence);
 * each consumer group reads through a RedisGroupReader. Housekeeping (reclaiming entries of dead
 * consumers, age retention, partition figures) runs on a timer.
 */
export class RedisTopic extends RemoteTopic<RedisGroupReader> {
  readonly backend = "redis" as const;
  keys: string[] = [];

  constructor(
    readonly connection: RedisConnection,
    nodeId: string,
    config: TopicConfig,
    host: TopicHost,
    readonly options: RedisTopicOptions,
  ) {
    super(
      nodeId,
      config,
      host,
      connection,
      Math.max(100, Math.min(1000, connection.options.visibilityTimeoutMs / 2)),
    );
    this.configure(config);
  }

  get partitionCount(): number {
    return this.keys.length;
  }

  protected openReader(group: string): RedisGroupReader {
    return new RedisGroupReader(this, group);
  }

  configure(config: TopicConfig): void {
    const resized = config.partitions !== this.keys.length || config.name !== this.config.name;
    this.config = config;
    if (!resized) return;
    this.closeGroups();
    this.keys = Array.from({ length: config.partitions }, (_, p) =>
      streamKey(this.connection.options.keyPrefix, this.options.flowKey, config.name, p),
    );
    this.states = this.emptyStates(config.partitions);
  }

  resetGroup(group: string, target: GroupPositionTarget): void {
    const reader = this.groups.get(group);
    this.groups.delete(group);
    const moved =
      "offsets" in target ? new Map(target.offsets.map((o) => [o.partition, o.offset])) : undefined;
    // What this server held on a moved partition is skipped (acknowledged) or comes again from the
    // new position; on the others it stays pending, and the next reader takes it back.
    reader?.close(moved ? (p) => moved.has(p) : () => true);
    const client = this.connection.client;
    this.keys.forEach((key, p) => {
      const id = lastDeliveredFor(target, moved?.get(p));
      if (id !== undefined) client.xGroupSetId(key, group, id).catch(() => {});
    });
  }

  /** An entry id up to the stream's last generated id (an entry trimmed since is fine: reading starts after it). */
  async checkOffset(partition: number, offset: string): Promise<string | undefined> {
    const where = `${this.config.name} / p${partition}`;
    const id = parseEntryId(offset);
    if (!id) return `offset '${offset}' of ${where} is not a stream entry id (<ms>-<seq>)`;
    const info = await this.connection.client.xInfoStream(this.keys[partition]).catch((error: Error) => {
      if (String(error.message).includes("no such key")) return undefined;
      throw error;
    });
    const last = info ? String(info["last-generated-id"]) : "0-0";
    if (last === "0-0") return offsetRefusals.noEvents(where);
    return compareEntryIds(id, parseEntryId(last)!) > 0
      ? offsetRefusals.beyondEnd(where, offset, last)
      : undefined;
  }

  /**
   * Writes queued appends, up to PUBLISH_BATCH a script that checks the run's fence as it writes
   * (see append-script), and reports each stored entry to the run.
   */
  protected flush(): void {
    if (this.closed || this.outgoing.length === 0) return;
    const all = this.outgoing;
    this.outgoing = [];
    const { fence } = this.options;
    if (this.refusedAsFenced(all, fence)) return;
    const { maxEventsPerPartition } = this.config.retention;
    for (let start = 0; start < all.length; start += PUBLISH_BATCH) {
      const batch = all.slice(start, start + PUBLISH_BATCH);
      const entries = batch.map((out) => ({
        key: this.keys[out.partition],
        fields: entryFields(out.event, this.options.runMark),
      }));
      const { script, ...call } = appendCall(entries, maxEventsPerPartition, fence);
      this.connection.client.eval(script, call).then(
        (ids) =>
          this.inbox.post(() => {
            (ids as string[]).forEach((id, i) => {
              const out = batch[i];
              this.reportStored(out, entryTimeMs(id), id);
            });
          }),
        (error: Error) => {
          if (refusedByFence(error)) return this.reportFenced(batch);
          this.inbox.post(() => {
            for (const out of batch) this.reportFailed(out, `broker-error: ${error.message}`);
          });
        },
      );
    }
  }

  /** Reclaims dead consumers' entries, trims by age, refreshes the partition figures. */
  protected async tidy(): Promise<void> {
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

/** The group's last-delivered id on a partition for `target` (`offset`: the one given there), or undefined when it stays. */
function lastDeliveredFor(target: GroupPositionTarget, offset: string | undefined): string | undefined {
  if ("to" in target) return target.to === "earliest" ? "0" : "$";
  if ("timestampMs" in target)
    return `${Math.max(0, Math.floor(target.timestampMs) - 1)}-18446744073709551615`;
  return offset === undefined ? undefined : entryIdBefore(parseEntryId(offset)!);
}
