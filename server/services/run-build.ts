import { randomInt } from "node:crypto";
import type { FlowGraph } from "@/lib/flow";
import { createFlowRun, RealTime, type ControlResult, type FlowRun, type RecordRange } from "../runtime";
import type { RunLimits } from "./run-limits";

/** What one run of a flow on this server is built from, besides the limits. */
export interface RunBuild {
  flowId: string;
  /** The run's id (event ids start with it; the broker marks what the run publishes with it). */
  runId: string;
  graph: FlowGraph;
  version: number;
  onRecords(range: RecordRange): void;
  /** Fencing: false once this server may no longer act for the run. */
  mayPublish?: () => boolean;
  /** Redis: the partitions this server reads when the run's consumer groups spread over a cluster. */
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
        mayPublish: build.mayPublish,
        reads: build.reads,
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
