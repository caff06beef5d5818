import type { Clock, Scheduler, TimerTarget } from "../ports";
import { TimerQueue } from "./timer-queue";

/**
 * Wall-clock time and a scheduler with one timer queue and at most one armed setTimeout per
 * run, however many deliveries are waiting: the Node timer list never sees per-delivery work.
 */
export class RealTime implements Clock, Scheduler {
  private queue = new TimerQueue();
  private armedFor = Infinity;
  private handle: ReturnType<typeof setTimeout> | undefined;
  /** Work already due waits for the next turn of the loop (after I/O), not for a 1 ms timer. */
  private immediate: ReturnType<typeof setImmediate> | undefined;
  private afterBatch: () => void = () => {};
  private readonly origin = performance.timeOrigin;
  private readonly fire = () => this.runDue();

  now(): number {
    return this.origin + performance.now();
  }

  schedule(atMs: number, target: TimerTarget, tag: number): void {
    this.queue.push(atMs, target, tag);
    if (atMs < this.armedFor) this.arm(atMs);
  }

  clear(): void {
    this.queue.clear();
    this.disarm();
  }

  setAfterBatch(callback: () => void): void {
    this.afterBatch = callback;
  }

  beginAsync(): void {}
  endAsync(): void {}

  private arm(atMs: number): void {
    this.disarm();
    this.armedFor = atMs;
    const delay = atMs - this.now();
    if (delay <= 0) this.immediate = setImmediate(this.fire);
    else this.handle = setTimeout(this.fire, delay);
  }

  private disarm(): void {
    if (this.handle) clearTimeout(this.handle);
    if (this.immediate) clearImmediate(this.immediate);
    this.handle = this.immediate = undefined;
    this.armedFor = Infinity;
  }

  private runDue(): void {
    this.handle = this.immediate = undefined;
    this.armedFor = Infinity;
    const now = this.now();
    // Bounded work per wake-up keeps the event loop (sockets) responsive under load.
    let budget = 50_000;
    while (this.queue.size > 0 && this.queue.peekTime() <= now && budget-- > 0) this.queue.popAndRun(now);
    this.afterBatch();
    if (this.queue.size > 0) this.arm(this.queue.peekTime());
  }
}
