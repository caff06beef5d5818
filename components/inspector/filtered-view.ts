import type { DeliveryRow } from "@/lib/realtime/protocol";
import type { Ring } from "@/components/realtime/ring-buffer";

/**
 * The rows the table shows, newest first: the ring itself when no filter is set, otherwise
 * the matching rows, kept incrementally. Each row is tested once when it arrives (not all
 * 100,000 per batch); the whole ring is scanned again only when the filter changes.
 * Rows are identified by their push index in the ring, so evictions need no seq ordering.
 */
export class FilteredView {
  private ring: Ring<DeliveryRow> | null = null;
  private predicate: ((row: DeliveryRow) => boolean) | null = null;
  private matches: DeliveryRow[] = []; // oldest first
  private indexes: number[] = []; // push index of each match
  private start = 0; // matches before it were evicted
  private seenPushed = 0;
  private seenEpoch = 0;
  /** Rows added at the top by the last update (for keeping the scroll position). */
  added = 0;

  /** Brings the view up to date with the ring; a new predicate (or null) starts over. */
  update(ring: Ring<DeliveryRow>, predicate: ((row: DeliveryRow) => boolean) | null): void {
    const restart = ring !== this.ring || predicate !== this.predicate || ring.epoch !== this.seenEpoch;
    // Nothing new: keep `added` as it was (React may run the same update twice in development).
    if (!restart && ring.pushed === this.seenPushed) return;
    const arrived = restart ? 0 : ring.pushed - this.seenPushed;
    let added = Math.min(ring.size, arrived);
    this.ring = ring;
    this.predicate = predicate;
    if (!predicate) {
      this.matches = [];
      this.indexes = [];
      this.start = 0;
    } else if (restart || arrived >= ring.size) {
      const before = this.length;
      this.rescan(ring, predicate);
      added = restart ? 0 : Math.max(0, this.length - before);
    } else {
      added = this.matches.length;
      for (let i = arrived - 1; i >= 0; i--) {
        const row = ring.at(i)!;
        if (predicate(row)) {
          this.matches.push(row);
          this.indexes.push(ring.pushed - 1 - i);
        }
      }
      added = this.matches.length - added;
      const firstKept = ring.pushed - ring.size;
      while (this.start < this.indexes.length && this.indexes[this.start]! < firstKept) this.start++;
      if (this.start > 4_096 && this.start * 2 > this.matches.length) this.compact();
    }
    this.added = added;
    this.seenPushed = ring.pushed;
    this.seenEpoch = ring.epoch;
  }

  get length(): number {
    if (!this.ring) return 0;
    return this.predicate ? this.matches.length - this.start : this.ring.size;
  }

  /** Row `index` places from the newest shown (0 = newest). */
  at(index: number): DeliveryRow | undefined {
    if (!this.ring) return undefined;
    if (!this.predicate) return this.ring.at(index);
    if (index < 0 || index >= this.length) return undefined;
    return this.matches[this.matches.length - 1 - index];
  }

  /** A key for row `index` that stays the same while the row is shown (its push index). */
  keyAt(index: number): number {
    if (!this.ring) return index;
    if (!this.predicate) return this.ring.pushed - 1 - index;
    return this.indexes[this.indexes.length - 1 - index] ?? -1 - index;
  }

  private rescan(ring: Ring<DeliveryRow>, predicate: (row: DeliveryRow) => boolean): void {
    this.matches = [];
    this.indexes = [];
    this.start = 0;
    for (let i = ring.size - 1; i >= 0; i--) {
      const row = ring.at(i)!;
      if (predicate(row)) {
        this.matches.push(row);
        this.indexes.push(ring.pushed - 1 - i);
      }
    }
  }

  private compact(): void {
    this.matches = this.matches.slice(this.start);
    this.indexes = this.indexes.slice(this.start);
    this.start = 0;
  }
}
