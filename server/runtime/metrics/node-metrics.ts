import { OUTCOMES, type Outcome } from "../records/outcomes";
import { LatencyHistogram } from "./latency-histogram";

const SLOTS = 64; // ≥ 61 whole seconds, a power of two for cheap indexing

/**
 * The exact counters of one node: counts by outcome, per-second in/out buckets for the last
 * 60 s, in-flight deliveries and (consumers) publish→ack latency. Updated on the hot path,
 * so every update is a few array writes.
 */
export class NodeMetrics {
  readonly counts = new Float64Array(OUTCOMES.length);
  /** Consumers: publish → ack, per acked delivery. */
  readonly histogram: LatencyHistogram | undefined;
  /** Consumers: the start of an attempt → its end (acked or failed), per attempt. */
  readonly processing: LatencyHistogram | undefined;
  inFlight = 0;
  /** Consumers: events retention trimmed from a subscribed partition before this group fetched them. */
  lostToRetention = 0;
  private readonly inBuckets = new Float64Array(SLOTS);
  private readonly outBuckets = new Float64Array(SLOTS);
  /** The whole second (clock ms / 1000) the current bucket belongs to. */
  private second = -Infinity;

  constructor(
    readonly nodeId: string,
    readonly kind: "producer" | "topic" | "consumer",
  ) {
    this.histogram = kind === "consumer" ? new LatencyHistogram() : undefined;
    this.processing = kind === "consumer" ? new LatencyHistogram() : undefined;
  }

  /** Counts `n` events in; `nowMs` picks the per-second bucket. */
  countIn(nowMs: number, n = 1): void {
    const s = Math.floor(nowMs / 1000);
    if (s !== this.second) this.roll(s);
    this.inBuckets[s & (SLOTS - 1)] += n;
  }

  countOut(nowMs: number, n = 1): void {
    const s = Math.floor(nowMs / 1000);
    if (s !== this.second) this.roll(s);
    this.outBuckets[s & (SLOTS - 1)] += n;
  }

  /**
   * Events per second in and out over the last 1, 10 and 60 whole seconds before the current
   * one (the current second is still filling, so it would read low).
   */
  rates(nowMs: number): { in: WindowRates; out: WindowRates } {
    const s = Math.floor(nowMs / 1000);
    if (s !== this.second) this.roll(s);
    return { in: windowRates(this.inBuckets, s), out: windowRates(this.outBuckets, s) };
  }

  countsByOutcome(): Record<Outcome, number> {
    const out = {} as Record<Outcome, number>;
    OUTCOMES.forEach((o, i) => (out[o] = this.counts[i]));
    return out;
  }

  private roll(s: number): void {
    if (s > this.second) {
      // Zero the slots of the seconds skipped since the last update (at most a full lap).
      const from = Math.max(this.second + 1, s - SLOTS + 1);
      for (let t = from; t <= s; t++) {
        this.inBuckets[t & (SLOTS - 1)] = 0;
        this.outBuckets[t & (SLOTS - 1)] = 0;
      }
    }
    this.second = Math.max(this.second, s);
  }
}

export interface WindowRates {
  s1: number;
  s10: number;
  s60: number;
}

function windowRates(buckets: Float64Array, current: number): WindowRates {
  let sum = 0;
  const out: WindowRates = { s1: 0, s10: 0, s60: 0 };
  for (let k = 1; k <= 60; k++) {
    sum += buckets[(current - k) & (SLOTS - 1)];
    if (k === 1) out.s1 = sum;
    if (k === 10) out.s10 = sum / 10;
    if (k === 60) out.s60 = sum / 60;
  }
  return out;
}
