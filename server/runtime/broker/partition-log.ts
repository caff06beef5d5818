import type { EventEnvelope } from "@/lib/events";
import type { BudgetedLog, RunMemory } from "../run-memory";

/** What a compacted producer event shares with its neighbours: the run's id prefix, source and type. */
export interface EventShape {
  readonly prefix: string;
  readonly source: string;
  readonly type: string;
}

/**
 * How many of the newest events per partition stay as the very objects published. Older ones
 * that a producer made (no cause, no subject, id = prefix + base-36 number) are kept as columns
 * (number, shared time string, data, shape) and rebuilt, frozen and equal, when read. Consumers
 * that keep up read the originals; a retained event then costs ~40 bytes instead of ~170.
 */
export const RECENT_OBJECTS = 1024;

/**
 * One partition of a topic: an append-only log with offsets, held in a power-of-two ring
 * that grows up to the retention count, then trims the oldest event per append.
 */
export class PartitionLog implements BudgetedLog {
  /** Offset the next appended event gets (the log end offset). */
  endOffset = 0;
  /** Offset of the oldest retained event. */
  baseOffset = 0;
  /** Events trimmed by retention, ever. */
  trimmed = 0;
  private events: (EventEnvelope | undefined)[];
  private times: Float64Array;
  /** Per slot: the event id's number (−1 when the event is kept as an object only). */
  private idNos: Float64Array;
  private timeStrs: (string | undefined)[];
  private datas: unknown[];
  private shapes: (EventShape | undefined)[];
  /** Per slot: the event's estimated bytes, counted in the run's memory budget. */
  private sizes: Float64Array;
  private mask: number;

  constructor(
    public maxEvents: number,
    public maxAgeMs: number,
    /** The run's memory budget (absent: bytes are not counted, as in unit tests of the log). */
    private readonly memory?: RunMemory,
  ) {
    const initial = Math.min(1024, nextPow2(maxEvents));
    this.sizes = new Float64Array(initial);
    memory?.register(this);
    this.events = new Array(initial).fill(undefined);
    this.times = new Float64Array(initial);
    this.idNos = new Float64Array(initial);
    this.timeStrs = new Array(initial).fill(undefined);
    this.datas = new Array(initial).fill(undefined);
    this.shapes = new Array(initial).fill(undefined);
    this.mask = initial - 1;
  }

  get size(): number {
    return this.endOffset - this.baseOffset;
  }

  /**
   * Appends an event published at `atMs`; returns its offset. `idNo` ≥ 0 with `shape` says the
   * event is a plain producer event whose id is `shape.prefix + idNo.toString(36)`, so that it
   * can be compacted once it is no longer among the newest.
   */
  append(event: EventEnvelope, atMs: number, idNo = -1, shape?: EventShape): number {
    if (this.size >= this.maxEvents) this.trimOne();
    else if (this.size === this.mask + 1) this.grow();
    const offset = this.endOffset++;
    const i = offset & this.mask;
    this.events[i] = event;
    this.times[i] = atMs;
    if (idNo >= 0 && shape !== undefined) {
      this.idNos[i] = idNo;
      this.timeStrs[i] = event.time;
      this.datas[i] = event.data;
      this.shapes[i] = shape;
    } else this.idNos[i] = -1;
    const old = offset - RECENT_OBJECTS;
    if (old >= this.baseOffset && this.idNos[old & this.mask] >= 0) this.events[old & this.mask] = undefined;
    if (this.maxAgeMs > 0) this.trimOlderThan(atMs - this.maxAgeMs);
    if (this.memory !== undefined) {
      const bytes = this.memory.sizeOf(event);
      this.sizes[i] = bytes;
      this.memory.added(bytes);
    }
    return offset;
  }

  /** The event at `offset`, or undefined when trimmed or not yet written. */
  get(offset: number): EventEnvelope | undefined {
    if (offset < this.baseOffset || offset >= this.endOffset) return undefined;
    const i = offset & this.mask;
    return this.events[i] ?? this.rebuild(i);
  }

  /** When the event at `offset` was published (valid for retained offsets). */
  publishedAt(offset: number): number {
    return this.times[offset & this.mask];
  }

  /** Trims events published before `cutoffMs` (age retention). */
  trimOlderThan(cutoffMs: number): void {
    while (this.baseOffset < this.endOffset && this.times[this.baseOffset & this.mask] < cutoffMs)
      this.trimOne();
  }

  /** Applies the current retention limits (after a redeploy changed them, or as time passes). */
  enforceRetention(nowMs: number): void {
    while (this.size > this.maxEvents) this.trimOne();
    if (this.maxAgeMs > 0) this.trimOlderThan(nowMs - this.maxAgeMs);
  }

  /** First retained offset published at or after `timestampMs` (replay by time); end offset if none. */
  offsetForTime(timestampMs: number): number {
    let lo = this.baseOffset,
      hi = this.endOffset;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid & this.mask] < timestampMs) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The retained event with this id, newest first (for event lookup by id). */
  findById(eventId: string): EventEnvelope | undefined {
    let prefix: string | undefined,
      wanted = -2;
    for (let o = this.endOffset - 1; o >= this.baseOffset; o--) {
      const i = o & this.mask;
      const e = this.events[i];
      if (e !== undefined) {
        if (e.id === eventId) return e;
        continue;
      }
      const shape = this.shapes[i]!;
      if (shape.prefix !== prefix) {
        prefix = shape.prefix;
        wanted = idNumber(eventId, prefix);
      }
      if (this.idNos[i] === wanted) return this.rebuild(i);
    }
    return undefined;
  }

  /** A compacted event as a frozen envelope, field for field what createEvent made. */
  private rebuild(i: number): EventEnvelope {
    const shape = this.shapes[i]!;
    const id = shape.prefix + this.idNos[i].toString(36);
    return Object.freeze({
      specversion: "1.0" as const,
      id,
      source: shape.source,
      type: shape.type,
      time: this.timeStrs[i]!,
      datacontenttype: "application/json" as const,
      data: this.datas[i],
      correlationid: id,
      hopcount: 0,
    });
  }

  oldestAtMs(): number {
    return this.size > 0 ? this.times[this.baseOffset & this.mask] : Infinity;
  }

  trimOldest(): number {
    const bytes = this.sizes[this.baseOffset & this.mask];
    this.sizes[this.baseOffset & this.mask] = 0;
    this.trimOne();
    return bytes;
  }

  /** Lets go of every event and column (the run stopped, or the partition is gone): freed at once. */
  clear(): void {
    let bytes = 0;
    for (let o = this.baseOffset; o < this.endOffset; o++) bytes += this.sizes[o & this.mask];
    this.memory?.removed(bytes);
    this.memory?.unregister(this);
    this.trimmed += this.size;
    this.baseOffset = this.endOffset;
    this.events = [undefined];
    this.times = new Float64Array(1);
    this.idNos = new Float64Array(1);
    this.timeStrs = [undefined];
    this.datas = [undefined];
    this.shapes = [undefined];
    this.sizes = new Float64Array(1);
    this.mask = 0;
  }

  private trimOne(): void {
    const i = this.baseOffset & this.mask;
    if (this.sizes[i] !== 0) {
      this.memory?.removed(this.sizes[i]);
      this.sizes[i] = 0;
    }
    this.events[i] = undefined;
    this.timeStrs[i] = undefined;
    this.datas[i] = undefined;
    this.shapes[i] = undefined;
    this.baseOffset++;
    this.trimmed++;
  }

  private grow(): void {
    const old = this.events,
      oldTimes = this.times,
      oldIdNos = this.idNos,
      oldTimeStrs = this.timeStrs,
      oldDatas = this.datas,
      oldShapes = this.shapes,
      oldSizes = this.sizes,
      oldMask = this.mask;
    const capacity = (oldMask + 1) * 2;
    this.events = new Array(capacity).fill(undefined);
    this.times = new Float64Array(capacity);
    this.idNos = new Float64Array(capacity);
    this.timeStrs = new Array(capacity).fill(undefined);
    this.datas = new Array(capacity).fill(undefined);
    this.shapes = new Array(capacity).fill(undefined);
    this.sizes = new Float64Array(capacity);
    this.mask = capacity - 1;
    for (let o = this.baseOffset; o < this.endOffset; o++) {
      const i = o & this.mask,
        j = o & oldMask;
      this.events[i] = old[j];
      this.times[i] = oldTimes[j];
      this.idNos[i] = oldIdNos[j];
      this.timeStrs[i] = oldTimeStrs[j];
      this.datas[i] = oldDatas[j];
      this.shapes[i] = oldShapes[j];
      this.sizes[i] = oldSizes[j];
    }
  }
}

/** The number behind `prefix + n.toString(36)`, or −2 when `id` is not of that form. */
function idNumber(id: string, prefix: string): number {
  if (!id.startsWith(prefix)) return -2;
  const rest = id.slice(prefix.length);
  const n = parseInt(rest, 36);
  return Number.isSafeInteger(n) && n >= 0 && n.toString(36) === rest ? n : -2;
}

function nextPow2(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}
