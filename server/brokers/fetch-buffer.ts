import type { EventEnvelope } from "@/lib/events";
import { markFetched, PartitionLog, type PartitionReader, type RedeliveryWaiter } from "../runtime";

/** Most events a group holds fetched-but-unfinished per partition; fetching pauses beyond it. */
export const BUFFER_CAPACITY = 4096;
const MASK = BUFFER_CAPACITY - 1;

/** What a remote broker does when the engine finishes or retries a fetched event. */
export interface FetchedEventSink<Handle> {
  ack(partition: number, handle: Handle): void;
  /**
   * Attempt `attempt` failed and is retried after `delayMs`. True: the broker delivers it again
   * by itself after the delay (the buffer lets go of the handle and waits for `redelivered`).
   */
  retry(partition: number, handle: Handle, attempt: number, delayMs: number): boolean;
}

/**
 * A consumer group's fetched events of one remote partition: the engine's worker walks them
 * like an embedded log (offsets here count deliveries handed to this server), and each
 * offset keeps the broker's own handle (a stream entry id, a JetStream message) to
 * acknowledge it by and the attempt the broker counted; each event is marked with its place
 * on the broker and whether it came from outside (see markFetched).
 */
export class FetchBuffer<Handle> implements PartitionReader {
  readonly log = new PartitionLog(BUFFER_CAPACITY, 0);
  /** Everything below this offset is finished. */
  finished = 0;
  private readonly handles: (Handle | undefined)[] = new Array(BUFFER_CAPACITY).fill(undefined);
  private readonly attempts = new Int32Array(BUFFER_CAPACITY);
  /** Workers waiting for the broker to deliver a failed event again, by offset. */
  private readonly waiting = new Map<number, RedeliveryWaiter>();

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

  /**
   * Adds a fetched event; `attempt` is the delivery attempt the broker counts it as, `position`
   * its offset on the broker, `external` whether an outside client published it.
   */
  push(
    event: EventEnvelope,
    publishedAtMs: number,
    handle: Handle,
    attempt: number,
    position: string,
    external: boolean,
  ): number {
    const offset = this.log.append(event, publishedAtMs);
    const i = offset & MASK;
    this.handles[i] = handle;
    this.attempts[i] = Math.max(1, attempt);
    markFetched(event, { position, external });
    return offset;
  }

  /**
   * The broker delivered an event this buffer still holds again (as delivery `attempt`):
   * acknowledge through the newer delivery, and wake the worker if it waits for it.
   */
  replaceHandle(offset: number, handle: Handle, attempt: number): boolean {
    if (offset < this.finished || offset >= this.log.endOffset) return false;
    this.handles[offset & MASK] = handle;
    const waiter = this.waiting.get(offset);
    if (waiter !== undefined) {
      this.waiting.delete(offset);
      waiter.redelivered(attempt);
    }
    return true;
  }

  firstAttempt(offset: number): number {
    return this.attempts[offset & MASK];
  }

  commit(offset: number): void {
    const i = offset & MASK;
    this.waiting.delete(offset);
    const handle = this.handles[i];
    this.handles[i] = undefined;
    if (offset + 1 > this.finished) this.finished = offset + 1;
    if (handle !== undefined) this.sink.ack(this.partition, handle);
  }

  retrying(offset: number, attempt: number, delayMs: number, waiter: RedeliveryWaiter): boolean {
    const i = offset & MASK;
    const handle = this.handles[i];
    if (handle === undefined || !this.sink.retry(this.partition, handle, attempt, delayMs)) return false;
    // Handed back to the broker: nothing to acknowledge or keep alive until it comes again.
    this.handles[i] = undefined;
    this.waiting.set(offset, waiter);
    return true;
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
