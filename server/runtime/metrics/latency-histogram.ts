/**
 * Latency histogram in microseconds, log-linear (HDR style): values below 1024 µs are kept
 * exactly, larger ones within 1/512 (0.2 %). Every delivery is counted (no sampling); the
 * buckets are a fixed Uint32Array, so recording allocates nothing.
 */
const SUB = 1024;
const HALF = SUB / 2;
const BUCKETS = SUB + 22 * HALF;
const MAX_US = 2 ** 31 - 1;

export class LatencyHistogram {
  readonly counts = new Uint32Array(BUCKETS);
  total = 0;
  /** The sum of every recorded value, in ms (as clamped to the histogram's range). */
  sumMs = 0;

  record(latencyMs: number): void {
    let v = latencyMs * 1000;
    v = v <= 0 ? 0 : v >= MAX_US ? MAX_US : Math.round(v);
    this.counts[bucketOf(v)]++;
    this.total++;
    this.sumMs += v / 1000;
  }

  /**
   * How many recorded values are at most `ms` (a Prometheus bucket's `le`). Exact below about
   * 1 ms and where `ms` falls on a bucket edge (1, 2.5, 5, 10 ms do); otherwise the bucket
   * straddling `ms` is counted whole, so the answer may be high by that bucket (values within 0.2 %).
   */
  countAtOrBelow(ms: number): number {
    const limit = ms * 1000;
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      if (lowerBound(i) > limit) break;
      seen += this.counts[i];
    }
    return seen;
  }

  /** The value (ms) at quantile q in [0, 1]: the lower bound of the bucket holding that rank. */
  quantile(q: number): number {
    if (this.total === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return lowerBound(i) / 1000;
    }
    return MAX_US / 1000;
  }

  /**
   * The value (ms) at quantile q of what was recorded since `before` (an earlier copy of
   * `counts` holding `beforeTotal` values): a window's quantile without a second histogram.
   * Returns NaN when nothing was recorded since.
   */
  quantileSince(before: Uint32Array, beforeTotal: number, q: number): number {
    const total = this.total - beforeTotal;
    if (total <= 0) return NaN;
    const rank = Math.max(1, Math.ceil(q * total));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i] - before[i];
      if (seen >= rank) return lowerBound(i) / 1000;
    }
    return MAX_US / 1000;
  }

  reset(): void {
    this.counts.fill(0);
    this.total = 0;
    this.sumMs = 0;
  }

  /** Adds another histogram's counts (e.g. to report several groups together). */
  add(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.sumMs += other.sumMs;
  }
}

function bucketOf(v: number): number {
  if (v < SUB) return v;
  const shift = 22 - Math.clz32(v); // floor(log2 v) − 9
  return SUB + (shift - 1) * HALF + ((v >>> shift) - HALF);
}

function lowerBound(bucket: number): number {
  if (bucket < SUB) return bucket;
  const k = bucket - SUB;
  const shift = Math.floor(k / HALF) + 1;
  return ((k % HALF) + HALF) * 2 ** shift;
}
