import { fail, ok, type ControlResult } from "../errors";
import type { PartitionLog } from "../broker/partition-log";
import type { GroupPositionTarget } from "../broker/port";

/** Where a group's offsets go on reset: the oldest retained event, the log end, or a time (replay). */
export type OffsetReset = { to: "earliest" | "latest" } | { timestampMs: number };

/** Checks an offset reset request (it may come from a client). */
export function checkReset(reset: OffsetReset): ControlResult<OffsetReset> {
  if (reset && typeof reset === "object") {
    if ("to" in reset && (reset.to === "earliest" || reset.to === "latest")) return ok(reset);
    if ("timestampMs" in reset && typeof reset.timestampMs === "number" && Number.isFinite(reset.timestampMs))
      return ok(reset);
  }
  return fail("bad-argument", "reset to { to: 'earliest' | 'latest' } or { timestampMs }");
}

/**
 * The committed offset of an embedded partition under `target`, or undefined when it stays (a
 * partition that an offsets target does not name). An offset older than what the log still
 * holds starts at the oldest event held; one past the end (checked before) at the end.
 */
export function embeddedPosition(
  target: GroupPositionTarget,
  partition: number,
  log: PartitionLog,
): number | undefined {
  if ("to" in target) return target.to === "earliest" ? log.baseOffset : log.endOffset;
  if ("timestampMs" in target) return log.offsetForTime(target.timestampMs);
  const given = target.offsets.find((o) => o.partition === partition);
  if (!given) return undefined;
  return Math.min(Math.max(Number(given.offset), log.baseOffset), log.endOffset);
}
