import type { RunState, RunStatus } from "@/lib/realtime/protocol";
import type { BackendAvailability } from "@/lib/api/brokers";
import { TOPIC_BACKEND_LABELS } from "@/lib/flow";
import type { FlowRun, RealTime } from "../runtime";
import type { RemoteBackend } from "../brokers/registry";

/** One run the registry holds, running or among the last ones stopped. */
export interface RunEntry {
  run: FlowRun;
  clock: RealTime;
  startedAt: Date;
  rate: number;
  state: RunState;
  reason?: string;
  capped?: string;
  resumed?: string;
  /** Remote brokers the run's topics live on, and those that do not answer right now. */
  backends: Set<RemoteBackend>;
  unreachable: Map<RemoteBackend, string>;
  /** What the run's memory budget is doing, once it has had to trim. */
  memoryNote?: string;
}

/** The status a run reports: its state and the notes about limits, brokers and resumes. */
export function describeRun(flowId: string, e: RunEntry | undefined): RunStatus {
  if (!e) return { flowId, state: "stopped", version: null, startedAt: null };
  return {
    flowId,
    state: e.state,
    version: e.run.version,
    startedAt: e.startedAt.toISOString(),
    ...(e.reason ? { reason: e.reason } : {}),
    ...(e.state === "running" && (e.capped || e.memoryNote)
      ? { capped: [e.capped, e.memoryNote].filter(Boolean).join(". ") }
      : {}),
    ...(e.resumed && e.state !== "stopped" ? { resumed: e.resumed } : {}),
    ...(e.unreachable.size > 0 && e.state === "running"
      ? { unreachable: [...e.unreachable.values()].join("; ") }
      : {}),
  };
}

/** What a server without Redis or NATS connections offers: embedded topics only. */
export function onlyEmbeddedAvailable(): BackendAvailability[] {
  return (["embedded", "redis", "nats"] as const).map((backend) => ({
    backend,
    label: TOPIC_BACKEND_LABELS[backend],
    available: backend === "embedded",
    ...(backend === "embedded"
      ? {}
      : { reason: `${TOPIC_BACKEND_LABELS[backend]} is not configured on this server` }),
  }));
}
