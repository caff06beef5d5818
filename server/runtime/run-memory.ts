import type { EventEnvelope } from "@/lib/events";

/** What every event costs besides its payload: the envelope's fields and the log's columns. */
const ENVELOPE_BYTES = 200;

/** A partition log that the run's budget can trim from its oldest end. */
export interface BudgetedLog {
  /** Publish time of the oldest retained event (Infinity when empty). */
  oldestAtMs(): number;
  /** Removes the oldest retained event; returns the bytes it freed. */
  trimOldest(): number;
}

/**
 * The memory budget of one run: topic retention counts the bytes of the events it holds as
 * well as their number, and when the run's logs together pass `topicBytes` the oldest events
 * of the whole run go first (as with retention, consumers that had not read them skip them).
 * Sizes are estimates (payload walk + a fixed envelope cost), cheap enough for every publish.
 */
export class RunMemory {
  /** Estimated bytes of the events the run's topic logs hold. */
  topicBytes = 0;
  /** Events removed before their retention because the run was over its budget, ever. */
  trimmedEvents = 0;
  private readonly logs = new Set<BudgetedLog>();
  private lastData: unknown = undefined;

  /**
   * @param topicLimit bytes the topic logs may hold together (Infinity: no limit)
   * @param historyLimit bytes of payloads the delivery history may keep reachable
   */
  constructor(
    readonly topicLimit: number,
    readonly historyLimit: number,
  ) {}

  /** Estimated bytes one more reference to `event` costs (payload shared with the previous: envelope only). */
  sizeOf(event: EventEnvelope): number {
    const data = event.data;
    if (data === this.lastData && data !== null && typeof data === "object") return ENVELOPE_BYTES;
    this.lastData = data;
    return ENVELOPE_BYTES + estimateBytes(data, 0);
  }

  register(log: BudgetedLog): void {
    this.logs.add(log);
  }

  unregister(log: BudgetedLog): void {
    this.logs.delete(log);
  }

  /** A log stored `bytes` more; trims the run's oldest events when over the limit. */
  added(bytes: number): void {
    this.topicBytes += bytes;
    if (this.topicBytes > this.topicLimit) this.reclaim();
  }

  removed(bytes: number): void {
    this.topicBytes -= bytes;
  }

  /** Trims oldest-first across every log until 90 % of the limit (so trims come in batches). */
  private reclaim(): void {
    const target = this.topicLimit * 0.9;
    while (this.topicBytes > target) {
      let oldest: BudgetedLog | undefined;
      let oldestAt = Infinity;
      for (const log of this.logs) {
        const at = log.oldestAtMs();
        if (at < oldestAt) {
          oldestAt = at;
          oldest = log;
        }
      }
      if (oldest === undefined) return;
      this.topicBytes -= oldest.trimOldest();
      this.trimmedEvents++;
    }
  }
}

/**
 * Bytes a JSON value takes in memory, roughly: strings by length, numbers 8, containers by
 * their entries. One walk of the value (payloads are bounded by maxPayloadBytes), nesting
 * deeper than 64 counted flat, so a payload costs no more to measure than it cost to make.
 */
export function estimateBytes(value: unknown, depth: number): number {
  if (value === null || value === undefined) return 4;
  switch (typeof value) {
    case "string":
      return 16 + value.length;
    case "number":
      return 8;
    case "boolean":
      return 4;
    case "object":
      break;
    default:
      return 8;
  }
  if (depth > 64) return 64;
  let bytes = 16;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) bytes += 8 + estimateBytes(value[i], depth + 1);
    return bytes;
  }
  for (const key in value as Record<string, unknown>)
    bytes += 24 + key.length + estimateBytes((value as Record<string, unknown>)[key], depth + 1);
  return bytes;
}
