/**
 * Per-edge traffic as the canvas shows it: a rate that follows the exact per-edge counts of
 * each delivery batch and decays when traffic stops, and a "failing" flag that stays on for a
 * few seconds after failures that are a noticeable share of the edge's deliveries. Exponentially decaying sums need no window length:
 * a steady R deliveries/s converges to R whatever the batch interval.
 */
export interface EdgeTrafficState {
  /** Decaying estimate of deliveries per second. */
  rate: number;
  /** Decaying estimate of failed deliveries per second. */
  failRate: number;
  atMs: number;
}

export interface EdgeTraffic {
  ratePerSec: number;
  failing: boolean;
}

/** Time constant of the rate estimate. */
export const RATE_TAU_MS = 1_000;
/** Time constant of the failure estimate: one failure keeps an edge red for about 3.6 s. */
export const FAIL_TAU_MS = 3_000;
const FAILING_THRESHOLD = 0.1;
/**
 * Failures must also be a noticeable share of the edge's traffic: a subscription that fails
 * 2 % of the time as designed should not glow red for the whole run; one failing 10 % should.
 */
const FAILING_SHARE = 0.03;
/** Below this, an edge is idle and dropped from the map. */
const IDLE_RATE = 0.01;

function decayed(state: EdgeTrafficState, nowMs: number): EdgeTrafficState {
  const dt = Math.max(0, nowMs - state.atMs);
  return {
    rate: state.rate * Math.exp(-dt / RATE_TAU_MS),
    failRate: state.failRate * Math.exp(-dt / FAIL_TAU_MS),
    atMs: Math.max(nowMs, state.atMs),
  };
}

/** Adds one batch's exact per-edge counts at `nowMs`, decaying every edge to that time. */
export function addEdgeCounts(
  edges: Readonly<Record<string, EdgeTrafficState>>,
  counts: Readonly<Record<string, { count: number; failed: number }>>,
  nowMs: number,
): Record<string, EdgeTrafficState> {
  const next = decayEdges(edges, nowMs);
  for (const [edgeId, { count, failed }] of Object.entries(counts)) {
    const prev = next[edgeId] ?? { rate: 0, failRate: 0, atMs: nowMs };
    next[edgeId] = {
      rate: prev.rate + (count * 1000) / RATE_TAU_MS,
      failRate: prev.failRate + (failed * 1000) / FAIL_TAU_MS,
      atMs: nowMs,
    };
  }
  return next;
}

/** Decays every edge to `nowMs` and forgets the idle ones. */
export function decayEdges(
  edges: Readonly<Record<string, EdgeTrafficState>>,
  nowMs: number,
): Record<string, EdgeTrafficState> {
  const next: Record<string, EdgeTrafficState> = {};
  for (const [edgeId, state] of Object.entries(edges)) {
    const d = decayed(state, nowMs);
    if (d.rate >= IDLE_RATE || d.failRate >= FAILING_THRESHOLD / 10) next[edgeId] = d;
  }
  return next;
}

/** What the canvas draws for one edge. */
export function edgeTrafficView(state: EdgeTrafficState | undefined): EdgeTraffic | undefined {
  if (!state) return undefined;
  return {
    ratePerSec: twoSignificant(state.rate),
    failing: state.failRate >= FAILING_THRESHOLD && state.failRate >= FAILING_SHARE * state.rate,
  };
}

/** Two significant digits: enough for a line's thickness, and it spares re-renders per batch. */
function twoSignificant(rate: number): number {
  if (rate < 0.05) return 0;
  const scale = 10 ** (Math.floor(Math.log10(rate)) - 1);
  return Math.round(rate / scale) * scale;
}
