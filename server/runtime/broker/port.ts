import type { EventEnvelope } from "@/lib/events";
import type { TopicBackend, TopicConfig } from "@/lib/flow";
import type { NodeMetrics } from "../metrics/node-metrics";
import type { Clock, Scheduler } from "../ports";
import type { RecordSite } from "../records/outcomes";
import type { EventShape, PartitionLog } from "./partition-log";

/**
 * The broker port: how the engine talks to the topics of a run, whatever keeps their events.
 *
 * It is built for brokers that answer later (Redis Streams, NATS JetStream) without costing
 * the embedded broker a promise, a closure or an allocation per event:
 * - publishing is `append`: the embedded broker stores the event and answers its offset at
 *   once; a remote one queues it, writes queued events in batches and reports each stored
 *   event through `TopicHost.onStored` afterwards (offset −1 meanwhile);
 * - consuming is pull-based over a `PartitionReader`: the worker reads events synchronously
 *   from the reader's log (the topic's own log when embedded, a fetch buffer that the remote
 *   broker fills batch by batch otherwise) and tells the reader when an offset is finished;
 * - a remote broker enters the engine only through the scheduler (a timer at "now"), so
 *   records are flushed and virtual time stays deterministic.
 */
export interface TopicPort {
  readonly nodeId: string;
  readonly backend: TopicBackend;
  config: TopicConfig;
  readonly metrics: NodeMetrics;
  /** Subscriptions to wake when the embedded log grows; remote readers wake them themselves. */
  listeners: AppendListener[];
  readonly partitionCount: number;
  /** Round-robin cursor for events without a partition key. */
  roundRobin: number;
  /**
   * Stores `event` in `partition`. Returns its offset when stored at once (embedded), or −1
   * when the broker will report it through `TopicHost.onStored` (`site`, `publisher` go along).
   * `idNo`/`shape` let the embedded log keep plain producer events compactly.
   */
  append(
    partition: number,
    event: EventEnvelope,
    atMs: number,
    idNo: number,
    shape: EventShape | undefined,
    site: RecordSite,
    publisher: NodeMetrics,
  ): number;
  /**
   * The reader of `partition` for consumer group `group` (the same one again while the group
   * lives); `policy` is the group's retry policy as the broker may enforce it.
   */
  reader(group: string, partition: number, policy: ReaderPolicy): PartitionReader;
  /** Applies a new config (partitions, retention). */
  configure(config: TopicConfig, nowMs: number): void;
  /** Lets go of the readers of groups no longer subscribed (their broker state stays for a later return). */
  releaseGroups(keep: ReadonlySet<string>): void;
  /** Moves a group's position (replay or skip); the group's fetch buffers start over. */
  resetGroup(group: string, target: GroupPositionTarget, nowMs: number): void;
  /**
   * Checks `offset`, in this broker's own form, as where a group starts reading `partition`
   * (the log offset embedded, an entry id on Redis, a stream sequence on NATS): why it cannot
   * be (malformed, beyond the partition's last event, the broker away), or undefined when it can.
   */
  checkOffset(partition: number, offset: string): Promise<string | undefined>;
  /** The partitions' offsets and retention as far as this server knows them. */
  partitionStates(nowMs: number): TopicPartitionState[];
  /** The event with this id if it is still held here (embedded: anywhere in retention). */
  findEvent(eventId: string): EventEnvelope | undefined;
  /** Stops fetching and publishing; queued acknowledgements are still written. */
  close(): void;
}

/**
 * Where a group's position goes on reset: the oldest retained event, the end, a time, or given
 * broker offsets of some partitions (each the next delivery there, inclusive; the others stay).
 */
export type GroupPositionTarget =
  { to: "earliest" | "latest" } | { timestampMs: number } | { offsets: readonly BrokerOffset[] };

/** A partition's broker offset (checked with `TopicPort.checkOffset`). */
export interface BrokerOffset {
  partition: number;
  offset: string;
}

export interface TopicPartitionState {
  partition: number;
  baseOffset: number;
  endOffset: number;
  size: number;
  trimmed: number;
}

/** Whatever wants to hear that a partition has events to fetch: a consumer group's subscription. */
export interface AppendListener {
  onAppend(partition: number): void;
}

/** What a broker may enforce for a group: deliveries of one event at most (the retry policy's attempts). */
export interface ReaderPolicy {
  maxDeliveries: number;
}

/** A worker waiting for the broker to deliver a failed event again (after a nak with delay). */
export interface RedeliveryWaiter {
  /** The broker delivered it again, counting this delivery as `attempt`. */
  redelivered(attempt: number): void;
}

/**
 * Where a delivery sits on a remote broker, and whether an outside client put it there. Kept
 * beside the fetched event (see `markFetched`), read only when a record is built.
 */
export interface BrokerMark {
  /** The broker's own offset: a Redis stream entry id, a JetStream stream sequence. */
  position: string;
  /** Published to the broker by a client other than Eventloom. */
  external: boolean;
}

/**
 * A consumer group's view of one partition. `log` holds the events handed to this group,
 * addressed by offsets the worker walks in order; the reader turns the worker's progress into
 * the broker's acknowledgements.
 */
export interface PartitionReader {
  readonly log: PartitionLog;
  /** The delivery attempt the first delivery of `offset` counts as (1, more when the broker redelivers). */
  firstAttempt(offset: number): number;
  /** The delivery at `offset` is finished (acked, filtered, dead-lettered or dropped). */
  commit(offset: number): void;
  /**
   * Attempt `attempt` of `offset` failed and is retried after `delayMs`. Returns true when the
   * broker itself delivers it again after the delay (JetStream: nak with delay) and wakes
   * `waiter` then; false when the worker waits the delay itself (the broker may count the attempt).
   */
  retrying(offset: number, attempt: number, delayMs: number, waiter: RedeliveryWaiter): boolean;
}

/** What a remote topic reports back to the run it belongs to. */
export interface TopicHost {
  readonly clock: Clock;
  readonly scheduler: Scheduler;
  /** The broker has stored an appended event at `position` (its own offset: entry id, stream sequence). */
  onStored(
    topic: TopicPort,
    event: EventEnvelope,
    site: RecordSite,
    partition: number,
    offset: number,
    publisher: NodeMetrics,
    atMs: number,
    position?: string,
  ): void;
  /** The broker refused or lost an appended event: recorded as dropped with the reason. */
  onPublishFailed(
    topic: TopicPort,
    event: EventEnvelope,
    site: RecordSite,
    publisher: NodeMetrics,
    reason: string,
  ): void;
  /** An outside event could not be read (not a CloudEvent, bad JSON): recorded as rejected, then skipped. */
  onRejected(topic: TopicPort, partition: number, reason: string, raw: string): void;
  /** The broker stopped or started answering; `reason` is shown with the run. */
  onConnectivity(backend: TopicBackend, reachable: boolean, reason?: string): void;
}

/** Opens topics on one backend for one run. */
export interface BrokerPort {
  readonly backend: TopicBackend;
  /**
   * Opens (creating when missing) topic `config.name` of the flow `flowKey`. Remote topics keep
   * their events, groups and positions across runs and restarts of the same flow.
   */
  openTopic(nodeId: string, config: TopicConfig, host: TopicHost): TopicPort;
}

/** The brokers a run may place topics on, by backend; the embedded one is always there. */
export type BrokerPorts = Partial<Record<Exclude<TopicBackend, "embedded">, BrokerPort>>;
