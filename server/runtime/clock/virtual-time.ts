import type { Clock, Scheduler, TimerTarget } from "../ports";
import { TimerQueue } from "./timer-queue";

const nextMacrotask = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * A virtual clock and its scheduler: time only moves when a test, the simulator or a
 * benchmark advances it, and then scheduled work runs in time order as fast as the CPU
 * allows. Async work (transforms) freezes time until it settles, so runs are deterministic.
 */
export class VirtualTime implements Clock, Scheduler {
  private queue = new TimerQueue();
  private nowMs: number;
  private pendingAsync = 0;
  private afterBatch: () => void = () => {};

  constructor(startMs = 0) {
    this.nowMs = startMs;
  }

  now(): number {
    return this.nowMs;
  }

  schedule(atMs: number, target: TimerTarget, tag: number): void {
    this.queue.push(atMs < this.nowMs ? this.nowMs : atMs, target, tag);
  }

  clear(): void {
    this.queue.clear();
  }

  setAfterBatch(callback: () => void): void {
    this.afterBatch = callback;
  }

  beginAsync(): void {
    this.pendingAsync++;
  }

  endAsync(): void {
    this.pendingAsync--;
  }

  /** Number of timers waiting. */
  get pending(): number {
    return this.queue.size;
  }

  /**
   * Runs every timer due up to and including `targetMs`, then sets the clock to `targetMs`.
   * Synchronous; throws if async work is pending (use `advanceTo` when transforms may run).
   */
  runUntilSync(targetMs: number): void {
    if (this.pendingAsync > 0) throw new Error("async work pending: use advanceTo");
    this.drain(targetMs, false);
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  /** Like runUntilSync, but waits for async work (transforms) between timer batches. */
  async advanceTo(targetMs: number): Promise<void> {
    for (;;) {
      while (this.pendingAsync > 0) await nextMacrotask();
      if (!this.drain(targetMs, true)) break;
    }
    this.nowMs = Math.max(this.nowMs, targetMs);
  }

  /** Moves the clock forward by `ms`, running what falls due. */
  advanceBy(ms: number): Promise<void> {
    return this.advanceTo(this.nowMs + ms);
  }

  /** Runs timers until none are left (or `limitMs` is reached); for flows that end. */
  async runUntilIdle(limitMs = Infinity): Promise<void> {
    for (;;) {
      while (this.pendingAsync > 0) await nextMacrotask();
      const next = this.queue.peekTime();
      if (next === Infinity || next > limitMs) break;
      await this.advanceTo(next);
    }
  }

  /** Runs due batches; returns true when it stopped early because async work began. */
  private drain(targetMs: number, stopOnAsync: boolean): boolean {
    while (this.queue.size > 0 && this.queue.peekTime() <= targetMs) {
      const at = this.queue.peekTime();
      this.nowMs = at;
      while (this.queue.size > 0 && this.queue.peekTime() === at) this.queue.popAndRun(at);
      this.afterBatch();
      if (stopOnAsync && this.pendingAsync > 0) return true;
    }
    return false;
  }
}
