import { OUTCOME_NAMES, zeroCounts, type DeliveryBatch, type DeliveryRow, type OutcomeCounts } from "@/lib/realtime/protocol";

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

  constructor(private readonly capacity: number, private readonly random: () => number = Math.random) {}

  /** Counts one record; keeps it in the sample with probability capacity / seen. */
  add(row: DeliveryRow): void {
    this.total[row.outcome]++;
    if (row.edgeId !== undefined && (row.outcome === "delivered" || row.outcome === "published" || row.outcome === "failed" || row.outcome === "dead-lettered")) {
      const edge = (this.edges[row.edgeId] ??= { count: 0, failed: 0 });
      if (row.outcome === "failed") edge.failed++;
      else edge.count++;
    }
    this.seen++;
    if (this.sampled.length < this.capacity) this.sampled.push(row);
    else {
      const j = Math.floor(this.random() * this.seen);
      if (j < this.capacity) this.sampled[j] = row;
    }
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
