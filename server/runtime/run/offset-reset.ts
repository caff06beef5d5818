import { fail, ok, type ControlResult } from "../errors";
import type { PartitionLog } from "../broker/partition-log";

/** Where a group's offsets go on reset: the oldest retained event, the log end, or a time (replay). */
export type OffsetReset = { to: "earliest" | "latest" } | { timestampMs: number };

/** Checks an offset reset request (it may come from a client) and returns a resolver per partition log. */
export function offsetTarget(reset: OffsetReset): ControlResult<(log: PartitionLog) => number> {
  if (reset && typeof reset === "object") {
    if ("to" in reset && reset.to === "earliest") return ok((log) => log.baseOffset);
    if ("to" in reset && reset.to === "latest") return ok((log) => log.endOffset);
    if (
      "timestampMs" in reset &&
      typeof reset.timestampMs === "number" &&
      Number.isFinite(reset.timestampMs)
    ) {
      const at = reset.timestampMs;
      return ok((log) => log.offsetForTime(at));
    }
  }
  return fail("bad-argument", "reset to { to: 'earliest' | 'latest' } or { timestampMs }");
}
