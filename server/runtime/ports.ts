/**
 * The engine's ports: everything that touches time, chance or the outside world is injected,
 * so one engine runs in real time (live runs), under a virtual clock (tests, simulation)
 * and in benchmarks.
 */
import type { BrokerPorts } from "./broker/port";
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

export interface RuntimePorts {
  clock: Clock;
  scheduler: Scheduler;
  /** Defaults to mulberry32(seed). */
  random?: RandomSource;
  sink?: RecordSink;
  /** Remote brokers topics may live on (Redis Streams, NATS JetStream); embedded needs none. */
  brokers?: BrokerPorts;
}
