import type { EventEnvelope } from "@/lib/events";
import { readGraph, type FlowGraph, type TopicBackend } from "@/lib/flow";
import type { BrokerPorts } from "../broker/port";
import { fail, ok, type ControlResult } from "../errors";
import { resolveOptions, type RunOptions } from "../options";
import type { RuntimePorts } from "../ports";
import { inProcessTransforms } from "../consumer/transform";
import { mulberry32 } from "../random";
import { createHistory, type History } from "../records/history";
import { O_DROPPED } from "../records/outcomes";
import { NodeMetrics } from "../metrics/node-metrics";
import type { LatencyHistogram } from "../metrics/latency-histogram";
import { RunContext } from "../run-context";
import { snapshotMetrics, type RunMetrics } from "./metrics-snapshot";
import { Topology } from "./topology";
import { offsetTarget, type OffsetReset } from "./offset-reset";

export type RunStatus = "ready" | "running" | "stopping" | "stopped";

export interface FlowRunInput {
  flowId: string;
  /** The flow graph; migrated and validated here, never trusted. */
  graph: unknown;
  version: number;
  seed: number;
  ports: RuntimePorts;
  options?: RunOptions;
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

/**
 * Builds a run of a flow under the given ports. Refuses graphs that do not pass lib/flow
 * validation (the error lists each issue with its path).
 */
export function createFlowRun(input: FlowRunInput): ControlResult<FlowRun> {
  const read = readGraph(input.graph);
  if (!read.graph) return fail("invalid-graph", "the flow does not pass validation", { issues: read.issues });
  const { clock, scheduler, sink } = input.ports;
  const random = input.ports.random ?? mulberry32(input.seed);
  const ctx = new RunContext(
    clock,
    scheduler,
    random,
    resolveOptions(input.options),
    sink,
    `${input.flowId}-${(input.seed >>> 0).toString(36)}-`,
    input.ports.transforms ?? inProcessTransforms(),
  );
  if (input.ports.webhooks) ctx.webhooks = input.ports.webhooks;
  const brokers = input.ports.brokers ?? {};
  const missing = missingBroker(read.graph, brokers);
  if (missing) return missing;
  const topology = new Topology(ctx, input.seed, brokers);
  ctx.connectivity = (backend, reachable, reason) => {
    if (reachable) unreachable.delete(backend);
    else unreachable.set(backend, reason ?? `${backend} does not answer`);
  };
  const unreachable = new Map<string, string>();
  topology.apply(read.graph, clock.now(), false);
  let status: RunStatus = "ready";
  let version = input.version;
  let stopped: Promise<void> | undefined;
  let finishStop: (() => void) | undefined;

  const finalizeStop = () => {
    if (status !== "stopping") return;
    const now = clock.now();
    // Deliveries still in hand at the deadline: recorded, not committed.
    for (const group of topology.groups.values()) {
      for (const worker of group.workers) {
        if (!worker.busy || worker.retired) continue;
        const c = worker.cursor!;
        ctx.record(
          O_DROPPED,
          worker.event!,
          c.subscription.site,
          c.partition,
          worker.offset,
          worker.attempt,
          now,
          now - worker.publishedAt,
          "stopped",
        );
        group.metrics.counts[O_DROPPED]++;
      }
      group.retire();
    }
    scheduler.clear();
    topology.closeTopics();
    status = "stopped";
    ctx.flush();
    // A stopped run keeps what the inspector needs for its history, bounded; the rest goes now.
    ctx.ring.shrink(STOPPED_HISTORY_RECORDS, STOPPED_HISTORY_PAYLOAD_BYTES);
    finishStop?.();
  };
  scheduler.setAfterBatch(() => {
    if (status === "stopping" && ctx.busyWorkers === 0) finalizeStop();
    ctx.flush();
  });
  const stopTimer = { onTimer: () => finalizeStop() };
  /** Counts events published from outside the flow; not a node, so not in the node metrics. */
  const external = new NodeMetrics("(external)", "producer");

  const producerOf = (id: string) => {
    if (topology.producers.has(id)) return ok(topology.producers.get(id)!);
    return topology.graph.nodes.some((n) => n.id === id)
      ? fail("wrong-kind", `node '${id}' is not a producer`, { nodeId: id })
      : fail("unknown-node", `no node '${id}' in this flow`, { nodeId: id });
  };
  const groupOf = (id: string) => {
    if (topology.groups.has(id)) return ok(topology.groups.get(id)!);
    return topology.graph.nodes.some((n) => n.id === id)
      ? fail("wrong-kind", `node '${id}' is not a consumer`, { nodeId: id })
      : fail("unknown-node", `no node '${id}' in this flow`, { nodeId: id });
  };
  const afterControl = <T>(result: ControlResult<T>) => {
    ctx.flush();
    return result;
  };

  const run: FlowRun = {
    flowId: input.flowId,
    get status() {
      return status;
    },
    get version() {
      return version;
    },
    get graph() {
      return topology.graph;
    },
    history: createHistory(ctx.ring),
    start() {
      if (status !== "ready") return fail("invalid-state", `the run is ${status}`);
      status = "running";
      topology.startNodes([...topology.producers.keys(), ...topology.groups.keys()], clock.now());
      return afterControl(ok(undefined));
    },
    apply(graph, newVersion) {
      if (status === "stopping" || status === "stopped") return fail("invalid-state", `the run is ${status}`);
      const next = readGraph(graph);
      if (!next.graph)
        return fail("invalid-graph", "the flow does not pass validation", { issues: next.issues });
      const missing = missingBroker(next.graph, brokers);
      if (missing) return missing;
      const restarted = topology.apply(next.graph, clock.now(), status === "running");
      version = newVersion;
      return afterControl(ok({ restarted }));
    },
    stop(options = {}) {
      if (stopped) return stopped;
      stopped = new Promise<void>((resolve) => (finishStop = resolve));
      for (const producer of topology.producers.values()) producer.retire();
      for (const group of topology.groups.values()) group.draining = true;
      if (status !== "running") {
        status = "stopping";
        finalizeStop();
        return stopped;
      }
      status = "stopping";
      if (ctx.busyWorkers === 0 || (options.graceMs ?? 5000) <= 0) finalizeStop();
      else scheduler.schedule(clock.now() + Math.max(0, options.graceMs ?? 5000), stopTimer, 0);
      return stopped;
    },
    fire(producerId, count = 1) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      if (status !== "running") return fail("invalid-state", `the run is ${status}`);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
        return fail("bad-argument", "count must be a whole number 1..1000000");
      const runner = producer.value;
      const events = runner.config.mode === "burst" ? count * runner.config.burstCount : count;
      const ceiling = ctx.options.maxFireEvents;
      if (events > ceiling)
        return fail(
          "bad-argument",
          `one fire emits at most ${ceiling} events; this one asks for ${events}` +
            (runner.config.mode === "burst" ? ` (${count} bursts of ${runner.config.burstCount})` : ""),
          { nodeId: producerId },
        );
      if (runner.backlog + events > ceiling)
        return fail(
          "invalid-state",
          `the producer is still emitting ${runner.backlog} events of earlier fires; at most ${ceiling} may wait`,
          { nodeId: producerId },
        );
      const emitted = runner.enqueue(events, clock.now());
      const queued = runner.backlog;
      return afterControl(ok(queued > 0 ? { emitted, queued } : { emitted }));
    },
    injectPoison(producerId, count) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      if (status !== "running") return fail("invalid-state", `the run is ${status}`);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
        return fail("bad-argument", "count must be a whole number 1..1000000");
      return afterControl(ok({ emitted: producer.value.injectPoison(count, clock.now()) }));
    },
    pauseProducer(producerId) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      producer.value.pause();
      return ok(undefined);
    },
    resumeProducer(producerId) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      producer.value.resume(clock.now());
      return afterControl(ok(undefined));
    },
    setConsumerOnline(consumerId, online) {
      const group = groupOf(consumerId);
      if (!group.ok) return group;
      if (typeof online !== "boolean") return fail("bad-argument", "online must be true or false");
      group.value.setOnline(online);
      return afterControl(ok(undefined));
    },
    resetGroupOffsets(consumerId, to) {
      const group = groupOf(consumerId);
      if (!group.ok) return group;
      const target = offsetTarget(to);
      if (!target.ok) return target;
      const restarted = topology.resetOffsets(
        consumerId,
        to,
        target.value,
        clock.now(),
        status === "running",
      );
      return afterControl(restarted ? ok(undefined) : fail("invalid-state", "the consumer is gone"));
    },
    get brokerProblems() {
      return [...unreachable].map(([backend, reason]) => ({ backend: backend as TopicBackend, reason }));
    },
    metrics(options = {}) {
      return snapshotMetrics(topology, clock.now(), options.latency ?? true);
    },
    publish(topicNodeId, events) {
      const topic = topology.topics.get(topicNodeId);
      if (!topic)
        return fail("unknown-node", `no topic '${topicNodeId}' in this flow`, { nodeId: topicNodeId });
      if (status !== "running") return fail("invalid-state", `the run is ${status}`);
      const now = clock.now();
      if (!ctx.admitEvents(events.length, now))
        return fail("rate-capped", "the run's cap on events per second is reached");
      const site = { nodeId: topic.nodeId, topicNodeId: topic.nodeId, topic: topic.config.name };
      const placed = events.map(({ event, key }): Placement => {
        const offset = ctx.publish(topic, event, site, key, external, now);
        return { partition: ctx.lastPartition, offset: offset < 0 ? null : offset };
      });
      return afterControl(ok(placed));
    },
    memory() {
      return {
        limitBytes: ctx.options.maxMemoryBytes,
        topicBytes: ctx.memory.topicBytes,
        historyBytes: ctx.ring.payloadBytes,
        trimmedEvents: ctx.memory.trimmedEvents,
        releasedPayloads: ctx.ring.releasedPayloads,
      };
    },
    latencyHistogram(consumerId) {
      return topology.groups.get(consumerId)?.metrics.histogram;
    },
    processingHistogram(consumerId) {
      return topology.groups.get(consumerId)?.metrics.processing;
    },
    getEvent(eventId) {
      const fromHistory = run.history.findEvent(eventId);
      if (fromHistory) return fromHistory;
      for (const topic of topology.topics.values()) {
        const event = topic.findEvent(eventId);
        if (event) return event;
      }
      return undefined;
    },
  };
  return ok(run);
}

/** Refuses a graph with a topic on a broker this run was not given. */
function missingBroker(graph: FlowGraph, brokers: BrokerPorts): ControlResult<never> | undefined {
  for (const node of graph.nodes) {
    if (node.kind !== "topic") continue;
    const backend = node.config.backend ?? "embedded";
    if (backend !== "embedded" && !brokers[backend])
      return fail(
        "broker-unavailable",
        `topic '${node.config.name}' is on ${backend}, which this run has no connection to`,
        {
          nodeId: node.id,
        },
      );
  }
  return undefined;
}
