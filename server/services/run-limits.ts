import type { RunStatus } from "@/lib/realtime/protocol";
import type { RecordRange, TransformEvaluator, WebhookPort } from "../runtime";
import type { BrokerRegistry } from "../brokers/registry";

export interface RunLimits {
  maxRunningFlows: number;
  maxFlowEventsPerSec: number;
  maxServerEventsPerSec: number;
  maxPayloadBytes: number;
  historySize: number;
  /** Memory budget of one run's events (bytes); default: none. */
  maxRunMemoryBytes?: number;
  /** Memory all runs together may reserve (bytes): a deploy past it is refused with 429. */
  maxServerMemoryBytes?: number;
  /** Wall-clock limit of one transform evaluation. */
  transformTimeoutMs?: number;
  /** Where transforms run; the server passes its process pool (default: in-process, for tests). */
  transforms?: TransformEvaluator;
  /** Where webhook consumers deliver; the server passes its guarded Node HTTP client. */
  webhooks?: WebhookPort;
  /** Redis and NATS connections for topics placed there (none: only embedded topics can run). */
  brokers?: BrokerRegistry;
}

/** Where the registry records which flows should be running, so a restart can resume them. */
export interface RunningFlowsStore {
  markRunning(flowId: string, version: number): Promise<void>;
  markStopped(flowId: string): Promise<void>;
  list(): Promise<{ flowId: string; version: number }[]>;
}

/** What the gateway hears from running flows. */
export interface RunListener {
  onRecords(flowId: string, range: RecordRange): void;
  onStatus(status: RunStatus): void;
}
