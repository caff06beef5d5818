import type { EventEnvelope } from "@/lib/events";
import type { TopicBackend, TopicConfig } from "@/lib/flow";
import {
  NodeMetrics,
  type AppendListener,
  type GroupPositionTarget,
  type PartitionReader,
  type ReaderPolicy,
  type RecordSite,
  type TopicHost,
  type TopicPartitionState,
  type TopicPort,
} from "../runtime";
import { EngineInbox } from "./engine-inbox";
import { FENCED, type PublishFence } from "./fencing";
import type { FetchBuffer } from "./fetch-buffer";

/**
 * Appends a topic keeps waiting for the broker at most (queued, or sent and not yet answered).
 * Past it an append fails at once (`QUEUE_FULL`): a producer faster than the broker (or a broker
 * away) cannot fill the server's memory with a queue that grows without end.
 */
export const MAX_QUEUED_APPENDS = 20_000;
export const QUEUE_FULL = `broker-busy: ${MAX_QUEUED_APPENDS.toLocaleString("en-US")} events already wait for the broker, which takes them slower than the flow makes them`;

/** An append waiting to be written to the broker. */
export interface Outgoing {
  /** Publish attempts that failed so far (a backend that tries again). */
  tries?: number;
  partition: number;
  event: EventEnvelope;
  site: RecordSite;
  publisher: NodeMetrics;
}

/** One consumer group's reader of a remote topic: a fetch buffer per partition. */
export interface RemoteGroupReader {
  readonly buffers: FetchBuffer<unknown>[];
  /** Stops fetching; what was fetched and not finished on partitions `dropHeld` names is skipped, not handed back. */
  close(dropHeld?: (partition: number) => boolean): void;
  /** Applies the group's retry policy where the broker enforces it. */
  applyPolicy(policy: ReaderPolicy): void;
}

/** What a remote topic needs of its connection. */
export interface ReachabilitySource {
  onReachability(listener: (reachable: boolean, reason?: string) => void): () => void;
}

/**
 * What the Redis and NATS topics share: appends queued and written once per turn of the event
 * loop (`flush`), a reader per consumer group, a housekeeping timer, the connection's
 * reachability reported to the run, and closing. A backend fills in the broker's side.
 */
export abstract class RemoteTopic<Reader extends RemoteGroupReader> implements TopicPort {
  abstract readonly backend: Exclude<TopicBackend, "embedded">;
  readonly metrics: NodeMetrics;
  listeners: AppendListener[] = [];
  roundRobin = 0;
  readonly inbox: EngineInbox;
  closed = false;
  protected readonly groups = new Map<string, Reader>();
  protected outgoing: Outgoing[] = [];
  /** Appends not yet stored or failed: queued, or sent and awaiting the broker's answer. */
  private waiting = 0;
  protected states: TopicPartitionState[] = [];
  private flushQueued = false;
  private readonly housekeeping: ReturnType<typeof setInterval>;
  private readonly unsubscribe: () => void;

  constructor(
    readonly nodeId: string,
    public config: TopicConfig,
    readonly host: TopicHost,
    connection: ReachabilitySource,
    housekeepingMs: number,
  ) {
    this.metrics = new NodeMetrics(nodeId, "topic");
    this.inbox = new EngineInbox(host);
    this.housekeeping = setInterval(() => void this.tidy(), housekeepingMs);
    this.housekeeping.unref();
    this.unsubscribe = connection.onReachability((reachable, reason) =>
      this.inbox.post(() => host.onConnectivity(this.backend, reachable, reason)),
    );
  }

  abstract readonly partitionCount: number;
  abstract configure(config: TopicConfig, nowMs: number): void;
  abstract resetGroup(group: string, target: GroupPositionTarget, nowMs: number): void;
  abstract checkOffset(partition: number, offset: string): Promise<string | undefined>;
  /** A reader for a group this server does not read yet. */
  protected abstract openReader(group: string): Reader;
  /**
   * Fencing: when `fence` says this server no longer owns the run, `batch` is not written;
   * each append is recorded as a failed publish saying why. True when it was refused.
   */
  protected refusedAsFenced(batch: Outgoing[], fence: PublishFence | undefined): boolean {
    if (!fence || fence.holds()) return false;
    this.reportFenced(batch);
    return true;
  }

  /** Records each append of `batch` as a failed publish: the run is fenced off this server. */
  protected reportFenced(batch: Outgoing[]): void {
    this.inbox.post(() => {
      for (const out of batch) this.reportFailed(out, FENCED);
    });
  }

  /** An append the broker stored, at `position` (its own offset) and `atMs`. Call from the engine's inbox. */
  protected reportStored(out: Outgoing, atMs: number, position: string): void {
    this.waiting--;
    this.host.onStored(this, out.event, out.site, out.partition, -1, out.publisher, atMs, position);
  }

  /** An append that failed for good, and why. Call from the engine's inbox. */
  protected reportFailed(out: Outgoing, reason: string): void {
    this.waiting--;
    this.host.onPublishFailed(this, out.event, out.site, out.publisher, reason);
  }

  /** Writes the queued appends (`outgoing`) and reports each stored one to the run. */
  protected abstract flush(): void | Promise<void>;
  /** Periodic broker work: retention, reclaiming, partition figures. */
  protected abstract tidy(): Promise<void>;

  append(
    partition: number,
    event: EventEnvelope,
    _atMs: number,
    _idNo: number,
    _shape: unknown,
    site: RecordSite,
    publisher: NodeMetrics,
  ): number {
    if (this.waiting >= MAX_QUEUED_APPENDS) {
      this.inbox.post(() => this.host.onPublishFailed(this, event, site, publisher, QUEUE_FULL));
      return -1;
    }
    this.waiting++;
    this.outgoing.push({ partition, event, site, publisher });
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        void this.flush();
      });
    }
    return -1;
  }

  reader(group: string, partition: number, policy: ReaderPolicy): PartitionReader {
    let reader = this.groups.get(group);
    if (!reader) {
      reader = this.openReader(group);
      this.groups.set(group, reader);
    }
    reader.applyPolicy(policy);
    return reader.buffers[partition];
  }

  releaseGroups(keep: ReadonlySet<string>): void {
    for (const [name, reader] of this.groups)
      if (!keep.has(name)) {
        reader.close();
        this.groups.delete(name);
      }
  }

  partitionStates(): TopicPartitionState[] {
    return this.states;
  }

  findEvent(eventId: string): EventEnvelope | undefined {
    for (const reader of this.groups.values())
      for (const buffer of reader.buffers) {
        const event = buffer.log.findById(eventId);
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
    this.closeGroups();
  }

  /** Lets go of every group's reader (closing, or the partitions changed). */
  protected closeGroups(): void {
    for (const reader of this.groups.values()) reader.close();
    this.groups.clear();
  }

  /** Empty figures for `partitions` partitions until the broker is asked. */
  protected emptyStates(partitions: number): TopicPartitionState[] {
    return Array.from({ length: partitions }, (_, partition) => ({
      partition,
      baseOffset: 0,
      endOffset: 0,
      size: 0,
      trimmed: 0,
    }));
  }
}
