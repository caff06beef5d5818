import type { TimerTarget } from "../ports";

/**
 * A binary min-heap of timers ordered by (time, insertion order), in parallel arrays so that
 * scheduling allocates nothing per timer. Shared by the virtual and the real-time scheduler.
 */
export class TimerQueue {
  private times = new Float64Array(1024);
  private order = new Float64Array(1024);
  private targets: (TimerTarget | undefined)[] = new Array(1024);
  private tags = new Int32Array(1024);
  private nextOrder = 0;
  size = 0;

  push(atMs: number, target: TimerTarget, tag: number): void {
    if (this.size === this.times.length) this.grow();
    let i = this.size++;
    const order = this.nextOrder++;
    // Sift up.
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(atMs, order, parent)) break;
      this.move(parent, i);
      i = parent;
    }
    this.times[i] = atMs;
    this.order[i] = order;
    this.targets[i] = target;
    this.tags[i] = tag;
  }

  /** Time of the earliest timer; Infinity when empty. */
  peekTime(): number {
    return this.size > 0 ? this.times[0] : Infinity;
  }

  /** Removes the earliest timer and calls it. */
  popAndRun(nowMs: number): void {
    const target = this.targets[0]!;
    const tag = this.tags[0];
    const last = --this.size;
    if (last > 0) {
      const t = this.times[last],
        o = this.order[last],
        tg = this.targets[last]!,
        tt = this.tags[last];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= last) break;
        const r = l + 1;
        const c = r < last && this.lessAt(r, l) ? r : l;
        if (!this.less(this.times[c], this.order[c], i, t, o)) break;
        this.move(c, i);
        i = c;
      }
      this.times[i] = t;
      this.order[i] = o;
      this.targets[i] = tg;
      this.tags[i] = tt;
    }
    this.targets[last] = undefined;
    target.onTimer(tag, nowMs);
  }

  clear(): void {
    this.targets.fill(undefined);
    this.size = 0;
  }

  /** (time, order) < slot j, or < the given pair when sifting down. */
  private less(time: number, order: number, j: number, jt = this.times[j], jo = this.order[j]): boolean {
    return time < jt || (time === jt && order < jo);
  }

  private lessAt(a: number, b: number): boolean {
    return (
      this.times[a] < this.times[b] || (this.times[a] === this.times[b] && this.order[a] < this.order[b])
    );
  }

  private move(from: number, to: number): void {
    this.times[to] = this.times[from];
    this.order[to] = this.order[from];
    this.targets[to] = this.targets[from];
    this.tags[to] = this.tags[from];
  }

  private grow(): void {
    const n = this.times.length * 2;
    const times = new Float64Array(n),
      order = new Float64Array(n),
      tags = new Int32Array(n);
    times.set(this.times);
    order.set(this.order);
    tags.set(this.tags);
    this.times = times;
    this.order = order;
    this.tags = tags;
    this.targets.length = n;
  }
}
