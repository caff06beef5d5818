/**
 * The engine's ports: everything that touches time, chance or the outside world is injected,
 * so one engine runs in real time (live runs), under a virtual clock (tests, simulation)
 * and in benchmarks.
 */
import type { BrokerPorts } from "./broker/port";
import type { EventEnvelope } from "@/lib/events";
import type { RecordRange } from "./records/record-ring";

/** Something a scheduler can wake. Objects, not closures: timers cost nothing to allocate. */
export interface TimerTarget {
  /** Called when a timer fires; `tag` says which of the target's timers it is. */
  onTimer(tag: number, nowMs: number): void;
}

/** Milliseconds since 1970 (real time) or since the simulation's start (virtual time). */
export interface Clock {
  now(): number;
}

/** One timer queue per run: the engine never calls setTimeout itself. */
export interface Scheduler {
  /** Wakes `target.onTimer(tag)` at `atMs` (or as soon as possible after). FIFO among equal times. */
  schedule(atMs: number, target: TimerTarget, tag: number): void;
  /** Drops every pending timer: the run is over. */
  clear(): void;
  /** Called once after each batch of timers that fired together (the engine flushes records there). */
  setAfterBatch(callback: () => void): void;
  /**
   * Async work (a JSONata transform) has begun / ended. A virtual clock waits for it before
   * moving time on, which keeps simulated runs deterministic; a real clock ignores it.
   */
  beginAsync(): void;
  endAsync(): void;
}

/** A source of uniform numbers in [0, 1); seeded, so a run is reproducible. */
export interface RandomSource {
  next(): number;
}

/** Receives delivery records in batches; `range` is a cheap view, read it before returning. */
export interface RecordSink {
  onRecords(range: RecordRange): void;
}

/** One JSONata transform to evaluate against an event envelope, with its limits. */
export interface TransformRequest {
  expression: string;
  event: EventEnvelope;
  /** Largest serialized result (bytes); beyond it the outcome is `payload-too-large`. */
  maxBytes: number;
  /** Time limit of the evaluation; beyond it the outcome is `transform-timeout`. */
  timeoutMs: number;
  /** Most evaluation depth (recursion). */
  maxDepth: number;
}

/** The outcome of one evaluation: a JSON value to emit (undefined = emit nothing) or why it failed. */
export type TransformOutcome = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * Where user transforms are evaluated. A live server injects a pool of worker threads that
 * enforces the time limit by terminating the thread (server/transforms); tests and the
 * simulator may use the in-process evaluator, whose limit holds only between JSONata steps.
 * Never rejects: every failure is an outcome with a reason.
 */
export interface TransformEvaluator {
  evaluate(request: TransformRequest): Promise<TransformOutcome>;
}

/** One delivery of a webhook consumer ("Deliver over HTTP"). */
export interface WebhookRequest {
  url: string;
  /** Extra headers of the consumer, already checked. */
  headers: readonly (readonly [string, string])[];
  event: EventEnvelope;
  timeoutMs: number;
  /** Standard Webhooks signing secret (`whsec_…`), when the consumer signs. */
  secret?: string;
}

/**
 * What one webhook call came to. `status` null: no answer (timeout, connection error, or an
 * address refused before connecting, `refused`). `retryAfterMs` from a Retry-After header.
 */
export interface WebhookOutcome {
  status: number | null;
  durationMs: number;
  response?: string;
  error?: string;
  refused?: boolean;
  retryAfterMs?: number;
}

/**
 * Where webhook consumers' HTTP calls go. The live server injects a Node HTTP client with
 * server-side request forgery checks (server/webhooks); tests inject their own. Never rejects.
 */
export interface WebhookPort {
  deliver(request: WebhookRequest): Promise<WebhookOutcome>;
}

export interface RuntimePorts {
  clock: Clock;
  scheduler: Scheduler;
  /** Defaults to mulberry32(seed). */
  random?: RandomSource;
  sink?: RecordSink;
  /** Remote brokers topics may live on (Redis Streams, NATS JetStream); embedded needs none. */
  brokers?: BrokerPorts;
  /** Defaults to the in-process evaluator (no hard time limit: for trusted flows and tests). */
  transforms?: TransformEvaluator;
  /** Where webhook consumers deliver; without one, each webhook delivery is dead-lettered. */
  webhooks?: WebhookPort;
}
