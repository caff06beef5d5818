import type { FlowRun } from "../run/flow-run";
import type { GroupWindow, Tick } from "./probe";

const finishedOf = (tick: Tick, id: string) => {
  const counts = tick.metrics.nodes[id]?.counts;
  return counts ? counts.acked + counts["dead-lettered"] + counts.dropped : 0;
};

/**
 * Per-group numbers between two moments: finished deliveries and publish→ack quantiles of
 * the acks in between, read from the live histogram against a copy taken at the start.
 * Two copies per group (48 KB each) whatever the simulated time.
 */
export class GroupWindows {
  private readonly start = new Map<string, { counts: Uint32Array; total: number; finished: number }>();

  constructor(private readonly run: FlowRun) {}

  /** Starts a new window for every group at `tick`. */
  begin(tick: Tick, ids: readonly string[]): void {
    for (const id of ids) {
      const h = this.run.latencyHistogram(id);
      if (!h) continue;
      let mark = this.start.get(id);
      if (!mark || mark.counts.length !== h.counts.length) {
        mark = { counts: new Uint32Array(h.counts.length), total: 0, finished: 0 };
        this.start.set(id, mark);
      }
      mark.counts.set(h.counts);
      mark.total = h.total;
      mark.finished = finishedOf(tick, id);
    }
  }

  /** The window since the last `begin`, per group. A group restarted meanwhile reads as new. */
  end(tick: Tick, ids: readonly string[]): Map<string, GroupWindow> {
    const out = new Map<string, GroupWindow>();
    for (const id of ids) {
      const h = this.run.latencyHistogram(id);
      if (!h) continue;
      const mark = this.start.get(id);
      const before = mark && h.total >= mark.total ? mark : undefined;
      const base = before?.counts ?? new Uint32Array(h.counts.length);
      const total = before?.total ?? 0;
      out.set(id, {
        finished: finishedOf(tick, id) - (mark?.finished ?? 0),
        p50: h.quantileSince(base, total, 0.5),
        p95: h.quantileSince(base, total, 0.95),
        p99: h.quantileSince(base, total, 0.99),
      });
    }
    return out;
  }
}
