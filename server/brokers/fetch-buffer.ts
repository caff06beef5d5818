import type { EventEnvelope } from "@/lib/events";
import { PartitionLog, type PartitionReader } from "../runtime";

/** Most events a group holds fetched-but-unfinished per partition; fetching pauses beyond it. */
export const BUFFER_CAPACITY = 4096;
const MASK = BUFFER_CAPACITY - 1;

/** What a remote broker does when the engine finishes or retries a fetched event. */
export interface FetchedEventSink<Handle> {
  ack(partition: number, handle: Handle): void;
  retry(partition: number, handle: Handle, attempt: number): void;
}

/**
 * A consumer group's fetched events of one remote partition: the engine's worker walks them
 * like an embedded log (offsets here count deliveries handed to this server), and each
 * offset keeps the broker's own handle (a stream entry id, a JetStream message) to
 * acknowledge it by, the attempt the broker counted, and whether it came from outside.
 */
export class FetchBuffer<Handle> implements PartitionReader {
  readonly log = new PartitionLog(BUFFER_CAPACITY, 0);
  /** Everything below this offset is finished. */
  finished = 0;
  private readonly handles: (Handle | undefined)[] = new Array(BUFFER_CAPACITY).fill(undefined);
  private readonly attempts = new Int32Array(BUFFER_CAPACITY);
  private readonly externals = new Uint8Array(BUFFER_CAPACITY);

  constructor(
    readonly partition: number,
    private readonly sink: FetchedEventSink<Handle>,
  ) {}

  /** Fetched and not yet finished. */
  get outstanding(): number {
    return this.log.endOffset - this.finished;
  }

  /** Room for more fetched events. */
  get room(): number {
    return BUFFER_CAPACITY - 1 - this.outstanding;
  }

  /** Adds a fetched event; `attempt` is the delivery attempt the broker counts it as. */
  push(
    event: EventEnvelope,
    publishedAtMs: number,
    handle: Handle,
    attempt: number,
    external: boolean,
  ): number {
    const offset = this.log.append(event, publishedAtMs);
    const i = offset & MASK;
    this.handles[i] = handle;
    this.attempts[i] = Math.max(1, attempt);
    this.externals[i] = external ? 1 : 0;
    return offset;
  }

  /** The broker delivered an event this buffer still holds again: acknowledge through the newer delivery. */
  replaceHandle(offset: number, handle: Handle): boolean {
    if (offset < this.finished || offset >= this.log.endOffset) return false;
    this.handles[offset & MASK] = handle;
    return true;
  }

  firstAttempt(offset: number): number {
    return this.attempts[offset & MASK];
  }

  commit(offset: number): void {
    const i = offset & MASK;
    const handle = this.handles[i];
    this.handles[i] = undefined;
    if (offset + 1 > this.finished) this.finished = offset + 1;
    if (handle !== undefined) this.sink.ack(this.partition, handle);
  }

  retrying(offset: number, attempt: number): void {
    const handle = this.handles[offset & MASK];
    if (handle !== undefined) this.sink.retry(this.partition, handle, attempt);
  }

  isExternal(offset: number): boolean {
    return this.externals[offset & MASK] === 1;
  }

  /** Handles fetched but not finished (to hand back on close, or to recognise on reclaim). */
  unfinishedHandles(): Handle[] {
    const out: Handle[] = [];
    for (let o = this.finished; o < this.log.endOffset; o++) {
      const handle = this.handles[o & MASK];
      if (handle !== undefined) out.push(handle);
    }
    return out;
  }
}
