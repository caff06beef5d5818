import type { FlowIssue } from "@/lib/flow";

/** What went wrong with a control call; the gateway maps `code` to an HTTP-like 4xx. */
export type RuntimeErrorCode =
  | "unknown-node"
  | "wrong-kind"
  | "invalid-graph"
  | "invalid-state"
  | "bad-argument"
  | "broker-unavailable"
  | "rate-capped"
  | "unknown-scenario"
  | "invalid-scenario"
  | "over-budget";

export interface RuntimeError {
  code: RuntimeErrorCode;
  message: string;
  nodeId?: string;
  /** For `invalid-graph` and `invalid-scenario`: each problem with its path. */
  issues?: FlowIssue[];
}

/** Every control returns a value, never throws, whatever the run's state. */
export type ControlResult<T = void> = { ok: true; value: T } | { ok: false; error: RuntimeError };

export const ok = <T>(value: T): ControlResult<T> => ({ ok: true, value });
export const fail = <T = never>(
  code: RuntimeErrorCode,
  message: string,
  extra?: Partial<RuntimeError>,
): ControlResult<T> => ({
  ok: false,
  error: { code, message, ...extra },
});
