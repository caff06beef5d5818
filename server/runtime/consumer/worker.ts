import { matchesPattern } from "@/lib/flow";
import type { EventEnvelope } from "@/lib/events";
import type { RedeliveryWaiter } from "../broker/port";
import type { TimerTarget, WebhookOutcome } from "../ports";
import { O_ACKED, O_DELIVERED, O_FILTERED } from "../records/outcomes";
import type { ConsumerGroupRunner } from "./group";
import type { Cursor } from "./subscription";
import { completeAttempt, failAttempt } from "./delivery-steps";
import { TAG_COMPLETE, TAG_RETRY, TAG_TRANSFORM_DONE, TAG_WEBHOOK_DONE } from "./timer-tags";
import { finishWebhook, startWebhook } from "./webhook-step";
import type { HttpExchange } from "@/lib/events/delivery";

/**
 * One of a consumer group's `concurrency` workers. It owns some partitions (cursors) and
 * handles one delivery at a time, which keeps order per partition and makes the committed
 * offset exact. The current delivery lives in fields, not in a closure or promise.
 */
export class Worker implements TimerTarget, RedeliveryWaiter {
  cursors: Cursor[] = [];
  busy = false;
  retired = false;
  /** A retry fell due while the group was offline; it resumes when the group comes back. */
  parked = false;
  private next = 0;
  // The delivery in hand.
  cursor: Cursor | undefined;
  event: EventEnvelope | undefined;
  offset = 0;
  attempt = 0;
  publishedAt = 0;
  failedDraw = false;
  /** An attempt is being processed (counted in the group's in-flight), as opposed to awaiting a retry. */
  private attemptActive = false;
  private attemptStartedAt = 0;
  transformResult: { ok: true; value: unknown } | { ok: false; reason: string } | undefined;
  webhookOutcome: WebhookOutcome | undefined;

  constructor(readonly group: ConsumerGroupRunner) {}

  /** Fetches and handles deliveries until the worker must wait (processing time, retry) or runs dry. */
  pump(): void {
    const group = this.group;
    const ctx = group.ctx;
    while (!this.busy && group.online && !group.draining && !this.retired) {
      const cursor = this.nextReady();
      if (cursor === undefined) return;
      const offset = cursor.position++;
      const log = cursor.log;
      const event = log.get(offset)!;
      const publishedAt = log.publishedAt(offset);
      const sub = cursor.subscription;
      if (sub.filter !== undefined && !matchesPattern(sub.filter, event)) {
        const now = ctx.clock.now();
        ctx.record(O_FILTERED, event, sub.site, cursor.partition, offset, 0, now, now - publishedAt);
        group.metrics.counts[O_FILTERED]++;
        cursor.commit(offset);
        continue;
      }
      this.begin(cursor, event, offset, publishedAt, cursor.reader.firstAttempt(offset));
    }
  }

  /** Starts attempt `attempt` of a delivery; completes inline when processing takes no time. */
  begin(cursor: Cursor, event: EventEnvelope, offset: number, publishedAt: number, attempt: number): void {
    const group = this.group;
    const ctx = group.ctx;
    const config = group.config;
    this.occupy();
    this.cursor = cursor;
    this.event = event;
    this.offset = offset;
    this.publishedAt = publishedAt;
    this.attempt = attempt;
    const now = ctx.clock.now();
    ctx.record(
      O_DELIVERED,
      event,
      cursor.subscription.site,
      cursor.partition,
      offset,
      attempt,
      now,
      now - publishedAt,
    );
    const metrics = group.metrics;
    metrics.counts[O_DELIVERED]++;
    metrics.countIn(now);
    this.attemptStarted(now);
    // A webhook's processing is the real call: no simulated time or failures.
    if (config.action === "webhook") return startWebhook(this);
    const { min, max } = config.processingMs;
    const ms = max > min ? min + Math.floor(ctx.random.next() * (max - min + 1)) : min;
    this.failedDraw = config.failureRatePct > 0 && ctx.random.next() * 100 < config.failureRatePct;
    if (ms === 0) completeAttempt(this, now);
    else ctx.scheduler.schedule(now + ms, this, TAG_COMPLETE);
  }

  /** Finishes the delivery in hand: commits past it and frees the worker. */
  finish(): void {
    this.cursor!.commit(this.offset);
    this.cursor = undefined;
    this.event = undefined;
    this.transformResult = undefined;
    this.release();
  }

  /** Records the ack of the delivery in hand and finishes it. */
  ack(now: number, http?: HttpExchange): void {
    const group = this.group;
    const latency = now - this.publishedAt;
    group.ctx.record(
      O_ACKED,
      this.event!,
      this.cursor!.subscription.site,
      this.cursor!.partition,
      this.offset,
      this.attempt,
      now,
      latency,
      undefined,
      http,
    );
    const metrics = group.metrics;
    metrics.counts[O_ACKED]++;
    metrics.countOut(now);
    this.attemptEnded(now);
    metrics.histogram!.record(latency);
    this.finish();
  }

  onTimer(tag: number, nowMs: number): void {
    if (this.retired) return;
    if (tag === TAG_COMPLETE) completeAttempt(this, nowMs);
    else if (tag === TAG_TRANSFORM_DONE) {
      const result = this.transformResult!;
      if (result.ok) this.group.emitTransformed(this, result.value, nowMs);
      else failAttempt(this, nowMs, result.reason);
    } else if (tag === TAG_WEBHOOK_DONE) finishWebhook(this, nowMs);
    else if (tag === TAG_RETRY) {
      if (!this.group.online || this.group.draining) this.parked = true;
      else this.begin(this.cursor!, this.event!, this.offset, this.publishedAt, this.attempt + 1);
    }
    this.pump();
  }

  /** The broker delivered the failed event in hand again (after a nak with delay): its next attempt. */
  redelivered(attempt: number): void {
    if (this.retired || this.cursor === undefined) return;
    // The broker's count is the truth (it may have counted a delivery this server never saw).
    this.attempt = Math.max(this.attempt, attempt - 1);
    this.onTimer(TAG_RETRY, this.group.ctx.clock.now());
  }

  /** Resumes a retry that fell due while offline. */
  unpark(): void {
    if (!this.parked || this.retired) return;
    this.parked = false;
    this.begin(this.cursor!, this.event!, this.offset, this.publishedAt, this.attempt + 1);
    this.pump();
  }

  // In-flight bookkeeping happens here and nowhere else: the run counts workers holding a
  // delivery (a stop waits for none), the group's metrics count attempts being processed.

  private occupy(): void {
    if (this.busy) return;
    this.busy = true;
    this.group.ctx.busyWorkers++;
  }

  private release(): void {
    this.busy = false;
    this.group.ctx.busyWorkers--;
  }

  private attemptStarted(now: number): void {
    this.group.metrics.inFlight++;
    this.attemptActive = true;
    this.attemptStartedAt = now;
  }

  /** The attempt in hand is over (acked, failed or given up): it leaves the in-flight count. */
  attemptEnded(now: number): void {
    const metrics = this.group.metrics;
    metrics.inFlight--;
    metrics.processing!.record(now - this.attemptStartedAt);
    this.attemptActive = false;
  }

  /**
   * This incarnation of the group is gone: timers aimed at the worker are ignored from now on,
   * and a delivery in hand stops counting as busy and in flight (the next incarnation redelivers it).
   */
  retire(): void {
    if (this.busy) {
      this.group.ctx.busyWorkers--;
      if (this.attemptActive) this.group.metrics.inFlight--;
    }
    this.retired = true;
  }

  /** The next owned cursor with an event to fetch, round-robin across partitions. */
  private nextReady(): Cursor | undefined {
    const cursors = this.cursors;
    const n = cursors.length;
    for (let k = 0; k < n; k++) {
      const i = this.next + k < n ? this.next + k : this.next + k - n;
      const cursor = cursors[i];
      const log = cursor.log;
      if (log.maxAgeMs > 0) log.trimOlderThan(this.group.ctx.clock.now() - log.maxAgeMs);
      // Events trimmed by retention before this group got to them are gone: skip past them.
      if (cursor.position < log.baseOffset) {
        const lost = log.baseOffset - cursor.position;
        this.group.metrics.lostToRetention += lost;
        cursor.subscription.topic.metrics.lostToRetention += lost;
        cursor.position = cursor.committed = log.baseOffset;
      }
      if (cursor.position < log.endOffset) {
        this.next = i + 1 < n ? i + 1 : 0;
        return cursor;
      }
    }
    return undefined;
  }
}
