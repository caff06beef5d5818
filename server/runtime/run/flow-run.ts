import { readGraph, type FlowGraph, type TopicBackend } from "@/lib/flow";
import type { BrokerPorts } from "../broker/port";
import { fail, ok, type ControlResult } from "../errors";
import { resolveOptions } from "../options";
import { inProcessTransforms } from "../consumer/transform";
import { mulberry32 } from "../random";
import { createHistory } from "../records/history";
import { O_DROPPED } from "../records/outcomes";
import { NodeMetrics } from "../metrics/node-metrics";
import { RunContext } from "../run-context";
import { snapshotMetrics } from "./metrics-snapshot";
import { Topology } from "./topology";
import { runControls } from "./run-controls";
import {
  STOPPED_HISTORY_PAYLOAD_BYTES,
  STOPPED_HISTORY_RECORDS,
  type FlowRun,
  type FlowRunInput,
  type RunStatus,
} from "./flow-run-types";

export * from "./flow-run-types";

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
      const producers = input.role === "member" ? [] : [...topology.producers.keys()];
      topology.startNodes([...producers, ...topology.groups.keys()], clock.now());
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
    ...runControls({ topology, ctx, clock, external, status: () => status }),
    get brokerProblems() {
      return [...unreachable].map(([backend, reason]) => ({ backend: backend as TopicBackend, reason }));
    },
    metrics(options = {}) {
      return snapshotMetrics(topology, clock.now(), options.latency ?? true);
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
