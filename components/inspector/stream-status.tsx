"use client";

import { useShallow } from "zustand/react/shallow";
import { OUTCOME_NAMES } from "@/lib/realtime/protocol";
import { useLive } from "@/components/realtime/live-hooks";
import { Button } from "@/components/ui/button";
import { formatCount } from "./format";

const sum = (counts: Record<string, number>) => OUTCOME_NAMES.reduce((n, o) => n + counts[o]!, 0);

/** Pause/Resume of the stream with the held count, and what the table does not show. */
export function StreamStatus() {
  const s = useLive(
    useShallow((s) => ({
      paused: s.paused,
      heldCount: s.heldCount,
      heldOverflow: s.heldOverflow,
      shown: s.rows.size,
      rowsVersion: s.rowsVersion,
      sampledOut: sum(s.sampledOut),
      total: sum(s.totals),
      missed: s.missed,
      pause: s.pause,
      resume: s.resume,
    })),
  );
  return (
    <div className="flex items-center gap-3 text-xs text-ink-muted">
      <span className="tabular" title="Delivery steps kept in this table (the newest 100,000)">
        {formatCount(s.shown)} rows
      </span>
      {s.sampledOut > 0 && (
        <span
          className="tabular"
          title="The server sends a representative sample when steps come faster than a person can read; node and edge counters stay exact"
        >
          {formatCount(s.sampledOut)} of {formatCount(s.total)} sampled out
        </span>
      )}
      {s.missed > 0 && (
        <span className="tabular text-retry" title="Steps this browser could not keep up with">
          {formatCount(s.missed)} missed
        </span>
      )}
      {s.paused && (
        <span role="status" className="tabular font-medium text-ink">
          {formatCount(s.heldCount)} held
          {s.heldOverflow > 0 && (
            <span className="text-retry">
              {" "}
              ({formatCount(s.heldOverflow)} oldest beyond the hold not kept)
            </span>
          )}
        </span>
      )}
      <Button
        variant={s.paused ? "primary" : "secondary"}
        className="px-2 py-1"
        onClick={s.paused ? s.resume : s.pause}
        aria-pressed={s.paused}
      >
        {s.paused ? "Resume" : "Pause"}
      </Button>
    </div>
  );
}
