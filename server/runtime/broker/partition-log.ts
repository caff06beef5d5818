import type { EventEnvelope } from "@/lib/events";

/**
 * One partition of a topic: an append-only log with offsets, held in a power-of-two ring
 * that grows up to the retention count, then trims the oldest event per append.
 */
export class PartitionLog {
  /** Offset the next appended event gets (the log end offset). */
  endOffset = 0;
  /** Offset of the oldest retained event. */
  baseOffset = 0;
  /** Events trimmed by retention, ever. */
  trimmed = 0;
  private events: (EventEnvelope | undefined)[];
  private times: Float64Array;
  private mask: number;

  constructor(public maxEvents: number, public maxAgeMs: number) {
    const initial = Math.min(1024, nextPow2(maxEvents));
    this.events = new Array(initial).fill(undefined);
    this.times = new Float64Array(initial);
    this.mask = initial - 1;
  }

  get size(): number {
    return this.endOffset - this.baseOffset;
  }

  /** Appends an event published at `atMs`; returns its offset. */
  append(event: EventEnvelope, atMs: number): number {
    if (this.size >= this.maxEvents) this.trimOne();
    else if (this.size === this.mask + 1) this.grow();
    const offset = this.endOffset++;
    const i = offset & this.mask;
    this.events[i] = event;
    this.times[i] = atMs;
    if (this.maxAgeMs > 0) this.trimOlderThan(atMs - this.maxAgeMs);
    return offset;
  }

  /** The event at `offset`, or undefined when trimmed or not yet written. */
  get(offset: number): EventEnvelope | undefined {
    return offset >= this.baseOffset && offset < this.endOffset ? this.events[offset & this.mask] : undefined;
  }

  /** When the event at `offset` was published (valid for retained offsets). */
  publishedAt(offset: number): number {
    return this.times[offset & this.mask];
  }

  /** Trims events published before `cutoffMs` (age retention). */
  trimOlderThan(cutoffMs: number): void {
    while (this.baseOffset < this.endOffset && this.times[this.baseOffset & this.mask] < cutoffMs) this.trimOne();
  }

  /** Applies the current retention limits (after a redeploy changed them, or as time passes). */
  enforceRetention(nowMs: number): void {
    while (this.size > this.maxEvents) this.trimOne();
    if (this.maxAgeMs > 0) this.trimOlderThan(nowMs - this.maxAgeMs);
  }

  /** First retained offset published at or after `timestampMs` (replay by time); end offset if none. */
  offsetForTime(timestampMs: number): number {
    let lo = this.baseOffset, hi = this.endOffset;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid & this.mask] < timestampMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Retained events, oldest first (for event lookup by id). */
  findById(eventId: string): EventEnvelope | undefined {
    for (let o = this.endOffset - 1; o >= this.baseOffset; o--) {
      const e = this.events[o & this.mask];
      if (e && e.id === eventId) return e;
    }
    return undefined;
  }

  private trimOne(): void {
    this.events[this.baseOffset & this.mask] = undefined;
    this.baseOffset++;
    this.trimmed++;
  }

  private grow(): void {
    const old = this.events, oldTimes = this.times, oldMask = this.mask;
    const capacity = (oldMask + 1) * 2;
    this.events = new Array(capacity).fill(undefined);
    this.times = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let o = this.baseOffset; o < this.endOffset; o++) {
      this.events[o & this.mask] = old[o & oldMask];
      this.times[o & this.mask] = oldTimes[o & oldMask];
    }
  }
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
