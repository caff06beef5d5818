import type { HttpExchange } from "@/lib/events/delivery";
import { parseHeaderLines } from "@/lib/webhooks/headers";
import type { WebhookOutcome } from "../ports";
import { failAttempt } from "./delivery-steps";
import { TAG_WEBHOOK_DONE } from "./timer-tags";
import type { Worker } from "./worker";

/** Longest Retry-After honoured; a longer one is cut to this (the consumer's own retries go on). */
const MAX_RETRY_AFTER_MS = 3_600_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/** A group's extra headers, parsed once per config (a redeploy brings a new config object). */
const parsedHeaders = new WeakMap<object, [string, string][]>();
function headersOf(config: { webhookHeaders?: string }): [string, string][] {
  let headers = parsedHeaders.get(config);
  if (!headers) {
    const parsed = parseHeaderLines(config.webhookHeaders);
    headers = parsed.ok ? parsed.headers : [];
    parsedHeaders.set(config, headers);
  }
  return headers;
}

/**
 * Starts the HTTP call of a webhook consumer's attempt through the run's webhook port; the
 * outcome comes back as a timer at "now", like a transform, so the worker's state stays in fields.
 */
export function startWebhook(worker: Worker): void {
  const group = worker.group;
  const ctx = group.ctx;
  const config = group.config;
  const headers = headersOf(config);
  ctx.scheduler.beginAsync();
  ctx.webhooks
    .deliver({
      url: config.webhookUrl ?? "",
      headers,
      event: worker.event!,
      timeoutMs: config.webhookTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      ...(config.webhookSecret ? { secret: config.webhookSecret } : {}),
    })
    .catch((error: unknown): WebhookOutcome => ({ status: null, durationMs: 0, error: String(error) }))
    .then((outcome) => {
      worker.webhookOutcome = outcome;
      ctx.scheduler.schedule(ctx.clock.now(), worker, TAG_WEBHOOK_DONE);
      ctx.scheduler.endAsync();
    });
}

/**
 * Settles an attempt by its HTTP outcome: 2xx acks; 408, 429, 5xx, timeouts and connection
 * errors fail it for a retry (after Retry-After when the answer gave one); any other answer
 * and a refused address give the delivery up at once (retrying cannot help).
 */
export function finishWebhook(worker: Worker, now: number): void {
  const outcome = worker.webhookOutcome!;
  worker.webhookOutcome = undefined;
  const http: HttpExchange = { status: outcome.status, durationMs: outcome.durationMs };
  if (outcome.response !== undefined) http.response = outcome.response;
  if (outcome.error !== undefined) http.error = outcome.error;
  const status = outcome.status;
  if (status !== null && status >= 200 && status < 300) return worker.ack(now, http);
  if (status === null) {
    const reason = outcome.refused ? `refused: ${outcome.error}` : `http-error: ${outcome.error}`;
    return failAttempt(worker, now, reason, { http, retryable: !outcome.refused });
  }
  const retryable = status === 408 || status === 429 || status >= 500;
  failAttempt(worker, now, `http-${status}`, {
    http,
    retryable,
    ...(outcome.retryAfterMs !== undefined
      ? { retryAfterMs: Math.min(Math.max(0, outcome.retryAfterMs), MAX_RETRY_AFTER_MS) }
      : {}),
  });
}
