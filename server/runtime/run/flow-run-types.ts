import type { EventEnvelope } from "@/lib/events";
import type { FlowGraph, TopicBackend } from "@/lib/flow";
import type { ControlResult } from "../errors";
import type { RunOptions } from "../options";
import type { RuntimePorts } from "../ports";
import type { History } from "../records/history";
import type { LatencyHistogram } from "../metrics/latency-histogram";
import type { RunMetrics } from "./metrics-snapshot";
import type { OffsetReset } from "./offset-reset";
import type { PartitionOffset } from "./offset-replay";

export type RunStatus = "ready" | "running" | "stopping" | "stopped";

export interface FlowRunInput {
  flowId: string;
  /** The flow graph; migrated and validated here, never trusted. */
  graph: unknown;
  version: number;
  seed: number;
  ports: RuntimePorts;
  options?: RunOptions;
  /**
   * "member": this server is one more member of the flow's consumer groups, which spread over
   * the servers of a cluster; it consumes only (its producers never start). Default "owner".
   */
  role?: "owner" | "member";
}

/** A deployed flow: the handle the gateway drives. Every method is safe in every state. */
export interface FlowRun {
  readonly flowId: string;
  readonly status: RunStatus;
  readonly version: number;
  readonly graph: FlowGraph;
  readonly history: History;
  start(): ControlResult;
  /** Redeploys by diff; returns the ids of nodes that were (re)started. */
  apply(graph: unknown, version: number): ControlResult<{ restarted: string[] }>;
  /** Stops producers; deliveries in hand get `graceMs` to finish, then are recorded as dropped (`stopped`). */
  stop(options?: { graceMs?: number }): Promise<void>;
  /**
   * `count` events (or bursts, for a burst producer), at most `maxFireEvents` in all. The first
   * slice is emitted at once (`emitted`); the rest follow in slices that yield (`queued`).
   */
  fire(producerId: string, count?: number): ControlResult<{ emitted: number; queued?: number }>;
  /** Publishes `count` poison events from this producer now (they fail every attempt everywhere). */
  injectPoison(producerId: string, count: number): ControlResult<{ emitted: number }>;
  pauseProducer(producerId: string): ControlResult;
  resumeProducer(producerId: string): ControlResult;
  setConsumerOnline(consumerId: string, online: boolean): ControlResult;
  resetGroupOffsets(consumerId: string, to: OffsetReset): ControlResult;
  /**
   * Moves a group to given broker offsets of some partitions (replay or skip): its next delivery
   * there is the event at that offset; its other partitions stay. Each offset is checked with
   * its broker first, so the answer comes later.
   */
  resetGroupToOffsets(consumerId: string, offsets: readonly PartitionOffset[]): Promise<ControlResult>;
  /** Brokers of this run's topics that do not answer at the moment (the run retries). */
  readonly brokerProblems: { backend: TopicBackend; reason: string }[];
  /** Exact per-node numbers; `latency: false` skips the quantiles (cheaper, for sampling). */
  metrics(options?: { latency?: boolean }): RunMetrics;
  /** A consumer's publish→ack histogram, live (read it, never write it); undefined for other nodes. */
  latencyHistogram(consumerId: string): LatencyHistogram | undefined;
  /** A consumer's per-attempt processing-time histogram, live (read only); undefined for other nodes. */
  processingHistogram(consumerId: string): LatencyHistogram | undefined;
  /** The event with this id while it is in a topic's retention or in the history. */
  getEvent(eventId: string): EventEnvelope | undefined;
  /**
   * Publishes events made outside the flow (HTTP ingest, produce by hand) to a topic node, all
   * or none: `rate-capped` when the run's events-per-second cap cannot take the whole batch.
   */
  publish(topicNodeId: string, events: readonly ExternalEvent[]): ControlResult<Placement[]>;
  /** What the run's events take against its memory budget, and what the budget removed. */
  memory(): RunMemoryReport;
}

export interface RunMemoryReport {
  /** The budget (`maxMemoryBytes`); Infinity when there is none. */
  limitBytes: number;
  /** Estimated bytes of the events the topic logs hold. */
  topicBytes: number;
  /** Estimated bytes of payloads the delivery history keeps reachable. */
  historyBytes: number;
  /** Events removed from topics before their retention because of the budget, ever. */
  trimmedEvents: number;
  /** History records that let go of their payload because of the budget, ever. */
  releasedPayloads: number;
}

/** History a stopped run keeps for the inspector: records, and bytes of payloads among them. */
export const STOPPED_HISTORY_RECORDS = 10_000;
export const STOPPED_HISTORY_PAYLOAD_BYTES = 4 * 1024 * 1024;

/** An event from outside the flow, with the partition key that places it (else round-robin). */
export interface ExternalEvent {
  event: EventEnvelope;
  key?: string;
}

/** Where a published event landed; `offset` is null when a remote broker reports it later. */
export interface Placement {
  partition: number;
  offset: number | null;
}
