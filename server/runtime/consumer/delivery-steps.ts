import { createEvent, POISON_SUBJECT } from "@/lib/events";
import type { HttpExchange } from "@/lib/events/delivery";
import { O_DEAD_LETTERED, O_DROPPED, O_FAILED, O_RETRY } from "../records/outcomes";
import { brokerMarkOf } from "../records/broker-marks";
import { TAG_RETRY, TAG_TRANSFORM_DONE } from "./timer-tags";
import type { Worker } from "./worker";

/**
 * What happens when an attempt's processing time is over: a drawn failure or a poison event fails it;
 * otherwise the group's action runs (process acks; reply publishes then acks; transform
 * evaluates asynchronously and finishes through the scheduler).
 */
export function completeAttempt(worker: Worker, now: number): void {
  const group = worker.group;
  if (worker.failedDraw) return failAttempt(worker, now, "failure-rate");
  if (worker.event!.subject === POISON_SUBJECT) return failAttempt(worker, now, "poison");
  const action = group.config.action;
  if (action === "process") return worker.ack(now);
  const event = worker.event!;
  const outputs = action === "reply" ? group.outputs.replies : group.outputs.emits;
  if (outputs.length > 0 && event.hopcount >= group.ctx.options.hopLimit)
    return deadLetter(worker, now, "hop-limit");
  if (action === "reply") {
    group.emitReply(worker, now);
    return worker.ack(now);
  }
  if (!group.transform.ok) return failAttempt(worker, now, `transform-error: ${group.transform.message}`);
  startTransform(worker);
}

/**
 * Hands the transform to the run's evaluator (a process pool on a live server); the result
 * comes back as a timer at "now", so a slow transform holds only its own worker.
 */
function startTransform(worker: Worker): void {
  const group = worker.group;
  const ctx = group.ctx;
  if (!group.transform.ok) return;
  const options = ctx.options;
  ctx.scheduler.beginAsync();
  const request = {
    expression: group.transform.expression,
    event: worker.event!,
    maxBytes: options.maxPayloadBytes,
    timeoutMs: options.transformTimeoutMs,
    maxDepth: options.transformMaxDepth,
  };
  ctx.transforms.evaluate(request).then((result) => {
    worker.transformResult = result;
    ctx.scheduler.schedule(ctx.clock.now(), worker, TAG_TRANSFORM_DONE);
    ctx.scheduler.endAsync();
  });
}

/** Backoff before retry number `attempt` + 1: fixed, or doubling from the initial delay up to the maximum. */
export function backoffMs(
  retry: { backoff: "fixed" | "exponential"; initialDelayMs: number; maxDelayMs: number },
  attempt: number,
): number {
  if (retry.backoff === "fixed") return retry.initialDelayMs;
  return Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** (attempt - 1));
}

/** How an attempt failed, when it is more than a reason (a webhook's HTTP call). */
export interface FailureDetail {
  http?: HttpExchange;
  /** False: give the delivery up now, whatever attempts are left. Default true. */
  retryable?: boolean;
  /** The receiver asked to wait this long (Retry-After); the backoff is at least this. */
  retryAfterMs?: number;
}

/** Records a failed attempt, then schedules a retry or gives the delivery up. */
export function failAttempt(worker: Worker, now: number, reason: string, detail: FailureDetail = {}): void {
  const group = worker.group;
  const ctx = group.ctx;
  const cursor = worker.cursor!;
  const site = cursor.subscription.site;
  const latency = now - worker.publishedAt;
  ctx.record(
    O_FAILED,
    worker.event!,
    site,
    cursor.partition,
    worker.offset,
    worker.attempt,
    now,
    latency,
    reason,
    detail.http,
  );
  group.metrics.counts[O_FAILED]++;
  worker.attemptEnded(now);
  const retry = group.config.retry;
  if (worker.attempt >= retry.maxAttempts || detail.retryable === false) return giveUp(worker, now, reason);
  const delay = Math.max(backoffMs(retry, worker.attempt), detail.retryAfterMs ?? 0);
  ctx.record(
    O_RETRY,
    worker.event!,
    site,
    cursor.partition,
    worker.offset,
    worker.attempt,
    now,
    latency,
    reason,
  );
  group.metrics.counts[O_RETRY]++;
  // A broker that redelivers by itself after the delay (JetStream) wakes the worker then.
  if (!cursor.reader.retrying(worker.offset, worker.attempt, delay, worker))
    ctx.scheduler.schedule(now + delay, worker, TAG_RETRY);
}

/** A delivery that cannot succeed without having failed an attempt (hop limit): out of flight, then given up. */
function deadLetter(worker: Worker, now: number, reason: string): void {
  worker.attemptEnded(now);
  giveUp(worker, now, reason);
}

/**
 * Ends a delivery that will not succeed: to the dead-letter topic when wired (the original
 * event as data, with reason and attempts), else dropped. Either way the group moves on.
 */
function giveUp(worker: Worker, now: number, reason: string): void {
  const group = worker.group;
  const ctx = group.ctx;
  const cursor = worker.cursor!;
  const event = worker.event!;
  const dlq = group.outputs.deadLetter;
  const latency = now - worker.publishedAt;
  if (dlq !== undefined) {
    const data = {
      original: event,
      reason,
      attempts: worker.attempt,
      group: group.config.group,
      topic: cursor.subscription.topic.config.name,
      partition: cursor.partition,
      // On a remote broker, where the event sits there (entry id, stream sequence).
      ...brokerOffsetOf(event, worker.offset),
    };
    const letter = createEvent({
      id: ctx.nextEventId(),
      source: group.source,
      type: `${event.type}.dead-lettered`,
      timeMs: Math.floor(now),
      data,
      cause: event,
    });
    ctx.record(
      O_DEAD_LETTERED,
      event,
      cursor.subscription.site,
      cursor.partition,
      worker.offset,
      worker.attempt,
      now,
      latency,
      reason,
    );
    group.metrics.counts[O_DEAD_LETTERED]++;
    ctx.publish(dlq.topic, letter, dlq.site, event.correlationid, group.metrics, now);
  } else {
    ctx.record(
      O_DROPPED,
      event,
      cursor.subscription.site,
      cursor.partition,
      worker.offset,
      worker.attempt,
      now,
      latency,
      reason,
    );
    group.metrics.counts[O_DROPPED]++;
  }
  group.metrics.countOut(now);
  worker.finish();
}

function brokerOffsetOf(event: Parameters<typeof brokerMarkOf>[0], offset: number) {
  const mark = brokerMarkOf(event);
  return mark === undefined ? { offset } : { brokerOffset: mark.position };
}
