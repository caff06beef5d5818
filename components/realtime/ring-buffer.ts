/**
 * A fixed-capacity ring of items, read newest first. Mutated in place: the live store keeps
 * one ring and bumps a version number, so 100,000 rows are never copied per batch.
 */
export class Ring<T> {
  private items: (T | undefined)[];
  private head = 0; // index where the next item goes
  private count = 0;
  /** Items pushed since creation (or clear), including the ones the cap has evicted. */
  pushed = 0;
  /** How many times the ring was cleared: a reader's position is void after a clear. */
  epoch = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError("capacity must be a positive integer");
    this.items = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends items oldest first; beyond the capacity the oldest are evicted. */
  push(items: readonly T[]): void {
    const start = Math.max(0, items.length - this.capacity); // only the newest `capacity` can stay
    for (let i = start; i < items.length; i++) {
      this.items[this.head] = items[i];
      this.head = (this.head + 1) % this.capacity;
    }
    this.count = Math.min(this.capacity, this.count + items.length - start);
    this.pushed += items.length;
  }

  /** The item `index` places back from the newest (0 = newest), or undefined. */
  at(index: number): T | undefined {
    if (index < 0 || index >= this.count) return undefined;
    return this.items[(this.head - 1 - index + this.capacity * 2) % this.capacity];
  }

  /** The newest item. */
  newest(): T | undefined {
    return this.at(0);
  }

  /** The oldest item still held. */
  oldest(): T | undefined {
    return this.at(this.count - 1);
  }

  /** All items, oldest first (a copy). */
  toArray(): T[] {
    const out: T[] = new Array(this.count);
    for (let i = 0; i < this.count; i++) out[i] = this.at(this.count - 1 - i)!;
    return out;
  }

  clear(): void {
    this.items = new Array(this.capacity);
    this.head = 0;
    this.count = 0;
    this.pushed = 0;
    this.epoch++;
  }
}
