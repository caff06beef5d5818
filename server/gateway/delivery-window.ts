import {
  OUTCOME_NAMES,
  zeroCounts,
  type DeliveryBatch,
  type DeliveryRow,
  type OutcomeCounts,
  type OutcomeName,
} from "@/lib/realtime/protocol";

/**
 * The records of one flush window of one flow: exact counts by outcome and by edge, and a
 * uniform random sample of at most `capacity` rows (reservoir sampling), so that at any
 * rate a watcher gets a representative picture and counters that add up exactly.
 */
export class DeliveryWindow {
  private total: OutcomeCounts = zeroCounts();
  private sampled: DeliveryRow[] = [];
  private seen = 0;
  private edges: Record<string, { count: number; failed: number }> = {};

  constructor(
    private readonly capacity: number,
    private readonly random: () => number = Math.random,
  ) {}

  /** Counts one record and keeps it in the sample with probability capacity / seen. */
  add(row: DeliveryRow): void {
    const slot = this.count(row.outcome, row.edgeId);
    if (slot >= 0) this.keep(slot, row);
  }

  /**
   * Counts one record from its outcome and edge alone, and says which sample slot it takes
   * (−1: not sampled). The caller builds the record only when it is sampled, so at any rate
   * counting allocates nothing.
   */
  count(outcome: OutcomeName, edgeId: string | undefined): number {
    this.total[outcome]++;
    if (
      edgeId !== undefined &&
      (outcome === "delivered" ||
        outcome === "published" ||
        outcome === "failed" ||
        outcome === "dead-lettered")
    ) {
      const edge = (this.edges[edgeId] ??= { count: 0, failed: 0 });
      if (outcome === "failed") edge.failed++;
      else edge.count++;
    }
    this.seen++;
    if (this.sampled.length < this.capacity) return this.sampled.length;
    const j = Math.floor(this.random() * this.seen);
    return j < this.capacity ? j : -1;
  }

  /** Puts a sampled record in the slot `count` gave it. */
  keep(slot: number, row: DeliveryRow): void {
    this.sampled[slot] = row;
  }

  /** Whether nothing happened in this window. */
  get empty(): boolean {
    return this.seen === 0;
  }

  /** Ends the window: the batch to send (rows oldest first) and a fresh window. */
  drain(flowId: string): Omit<DeliveryBatch, "missed"> {
    const rows = this.sampled.sort((a, b) => a.seq - b.seq);
    const notSent = { ...this.total };
    for (const row of rows) notSent[row.outcome]--;
    const batch = { flowId, total: this.total, notSent, rows, edges: this.edges };
    this.total = zeroCounts();
    this.sampled = [];
    this.seen = 0;
    this.edges = {};
    return batch;
  }
}

/** Sum of all outcome counters. */
export function countAll(counts: OutcomeCounts): number {
  let sum = 0;
  for (const outcome of OUTCOME_NAMES) sum += counts[outcome];
  return sum;
}
