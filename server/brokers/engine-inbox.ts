import type { TimerTarget, TopicHost } from "../runtime";

/**
 * Where a remote broker's answers (fetched batches, stored events) enter the engine: queued
 * here, run from one scheduler timer at "now", so the engine runs them inside a timer batch
 * (records flushed after it) and never re-entrantly from a socket callback.
 */
export class EngineInbox implements TimerTarget {
  private tasks: (() => void)[] = [];
  private armed = false;
  closed = false;

  constructor(private readonly host: TopicHost) {}

  post(task: () => void): void {
    if (this.closed) return;
    this.tasks.push(task);
    if (this.armed) return;
    this.armed = true;
    this.host.scheduler.schedule(this.host.clock.now(), this, 0);
  }

  onTimer(): void {
    this.armed = false;
    const tasks = this.tasks;
    this.tasks = [];
    if (this.closed) return;
    for (const task of tasks) task();
  }
}
