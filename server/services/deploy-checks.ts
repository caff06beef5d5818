// The checks a deploy passes before a run starts, and the notes a running flow shows about its
// limits. Each refusal names the limit, what is in use and what to do.
import { TOPIC_BACKEND_LABELS, type FlowGraph } from "@/lib/flow";
import type { FlowRun } from "../runtime";
import type { RemoteBackend } from "../brokers/registry";
import { failure, success, type ServiceResult } from "./result";
import type { RunLimits } from "./run-limits";

const MB = 1024 * 1024;

/** The remote backends the topics of `graph` are placed on. */
export function remoteBackends(graph: FlowGraph): Set<RemoteBackend> {
  const found = new Set<RemoteBackend>();
  for (const node of graph.nodes)
    if (node.kind === "topic" && node.config.backend && node.config.backend !== "embedded")
      found.add(node.config.backend);
  return found;
}

/** 503 naming the first backend of `graph` that is not configured or does not answer. */
export async function brokersAnswer(
  graph: FlowGraph,
  limits: RunLimits,
): Promise<ServiceResult<Set<RemoteBackend>>> {
  const backends = remoteBackends(graph);
  if (backends.size === 0) return success(backends);
  if (!limits.brokers) {
    const first = [...backends][0];
    return failure(503, `${TOPIC_BACKEND_LABELS[first]} is not configured on this server`);
  }
  const answer = await limits.brokers.check([...backends]);
  return answer.ok ? success(backends) : failure(503, answer.message);
}

/** The note a run shows when its producers ask for more than one flow may produce. */
export function capNote(asked: number, limits: RunLimits): string | undefined {
  return asked > limits.maxFlowEventsPerSec
    ? `The producers ask for ${Math.round(asked)} events/s; this server allows ${limits.maxFlowEventsPerSec} per flow, so the rest are dropped (reason rate-cap)`
    : undefined;
}

/** The note a run shows once its memory budget has had to trim events or payloads. */
export function memoryNote(run: FlowRun, limits: RunLimits): string | undefined {
  const { trimmedEvents, releasedPayloads } = run.memory();
  if (trimmedEvents === 0 && releasedPayloads === 0) return undefined;
  const runMb = (limits.maxRunMemoryBytes ?? Infinity) / MB;
  return `The run holds more than this server allows per run (${Math.round(runMb)} MB): ${trimmedEvents} of its oldest events were removed from topics early, and ${releasedPayloads} history records no longer keep their payload`;
}

/** 429 when `rate` more events/s would take the server past its rate across all flows. */
export function serverRateRefusal(
  inUse: number,
  rate: number,
  limits: RunLimits,
): ServiceResult<never> | undefined {
  if (inUse + rate <= limits.maxServerEventsPerSec) return undefined;
  return failure(
    429,
    `This server runs at most ${limits.maxServerEventsPerSec} events/s across all flows; ${Math.round(inUse)} are in use and this flow asks for ${Math.round(rate)}. Lower the producers' rates or stop another flow`,
  );
}

/** 429 when one more run would not fit in the server's flow count or memory budget. */
export function startRefusal(runningCount: number, limits: RunLimits): ServiceResult<never> | undefined {
  const perRun = limits.maxRunMemoryBytes ?? 0;
  if (limits.maxServerMemoryBytes !== undefined && (runningCount + 1) * perRun > limits.maxServerMemoryBytes)
    return failure(
      429,
      `This server keeps at most ${Math.round(limits.maxServerMemoryBytes / MB)} MB of events across all runs (MAX_SERVER_MEMORY_MB), and each run may use ${Math.round(perRun / MB)} MB (MAX_RUN_MEMORY_MB): ${runningCount} running flows reserve it all. Stop another flow first`,
    );
  if (runningCount >= limits.maxRunningFlows)
    return failure(
      429,
      `This server runs at most ${limits.maxRunningFlows} flows at once: stop another flow first`,
    );
  return undefined;
}
