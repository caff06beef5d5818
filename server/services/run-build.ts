import { randomInt } from "node:crypto";
import type { FlowGraph } from "@/lib/flow";
import { createFlowRun, RealTime, type ControlResult, type FlowRun, type RecordRange } from "../runtime";
import type { PublishFence } from "../brokers/fencing";
import type { RunOwnership } from "../cluster/run-ownership";
import type { RunLimits, RunListener } from "./run-limits";

/** What one run of a flow on this server is built from, besides the limits. */
export interface RunBuild {
  flowId: string;
  /** The run's id (event ids start with it; the broker marks what the run publishes with it). */
  runId: string;
  graph: FlowGraph;
  version: number;
  onRecords(range: RecordRange): void;
  /** Fencing: nothing is published once this server may no longer act for the run. */
  fence?: PublishFence;
  /** The partitions this server reads when the run's consumer groups spread over a cluster. */
  reads?: (partition: number) => boolean;
  role?: "owner" | "member";
}

/** Builds a run (not started) under the server's limits, clock, transforms, webhooks and brokers. */
export function buildRun(
  limits: RunLimits,
  build: RunBuild,
): { created: ControlResult<FlowRun>; clock: RealTime } {
  const clock = new RealTime();
  const created = createFlowRun({
    flowId: build.runId,
    graph: build.graph,
    version: build.version,
    seed: randomInt(2 ** 31),
    role: build.role,
    ports: {
      clock,
      scheduler: clock,
      sink: { onRecords: build.onRecords },
      transforms: limits.transforms,
      webhooks: limits.webhooks,
      brokers: limits.brokers?.portsFor(build.flowId, build.runId, {
        maxPayloadBytes: limits.maxPayloadBytes,
        fence: build.fence,
        reads: build.reads,
        member: build.role === "member",
      }),
    },
    options: {
      historySize: limits.historySize,
      maxPayloadBytes: limits.maxPayloadBytes,
      maxEventsPerSec: limits.maxFlowEventsPerSec,
      maxMemoryBytes: limits.maxRunMemoryBytes,
      transformTimeoutMs: limits.transformTimeoutMs,
    },
  });
  return { created, clock };
}

/**
 * A run's record sink (to `listeners`, under the flow's id) and its fence (while this server
 * holds the run's lease). Made here, not in the deploy: a closure keeps the whole scope it was
 * made in, and the deploy's scope holds the flow's previous run, so each run kept every earlier
 * run of its flow alive through its sink (about 1.5 MB each; the soak's deploy/stop cycle grew
 * the server without end).
 */
export function reportsOf(
  flowId: string,
  listeners: ReadonlySet<RunListener>,
  ownership?: Pick<RunOwnership, "fence">,
): Pick<RunBuild, "onRecords" | "fence"> {
  return {
    onRecords: (range) => listeners.forEach((l) => l.onRecords(flowId, range)),
    // Fencing: once this server's lease on the run is gone, its topics publish nothing more.
    fence: ownership?.fence(flowId),
  };
}
