"use client";

import { useShallow } from "zustand/react/shallow";
import { OUTCOME_NAMES } from "@/lib/realtime/protocol";
import { useLive } from "@/components/realtime/live-hooks";
import { formatCount } from "./format";

/** One line about the run: state, version, and the exact totals since this page started watching. */
export function RunSummary() {
  const s = useLive(
    useShallow((s) => ({
      status: s.status,
      connection: s.connection,
      error: s.connectionError,
      totals: s.totals,
      rows: s.rows.size,
      metrics: s.metrics,
    })),
  );
  const nodes = Object.values(s.metrics?.nodes ?? {});
  // Into topics: from producers, consumers (replies, transforms, dead letters), ingest and by hand.
  const published = nodes.filter((n) => n.kind === "topic").reduce((n, m) => n + m.counts.published, 0);
  const failed = nodes.reduce((n, m) => n + m.counts.failed, 0);
  const deadLettered = nodes.reduce((n, m) => n + m.counts["dead-lettered"], 0);
  const state =
    s.connection !== "live"
      ? s.connection === "connecting"
        ? "Connecting…"
        : "Offline"
      : !s.status
        ? ""
        : s.status.state === "running"
          ? `Running v${s.status.version}`
          : s.status.state === "stopping"
            ? "Stopping…"
            : "Stopped";
  const seen = OUTCOME_NAMES.reduce((n, o) => n + s.totals[o], 0);
  return (
    <span className="flex min-w-0 flex-wrap items-center gap-x-3 gap-y-0.5 text-xs text-ink-muted max-sm:order-last max-sm:basis-full">
      <span className="font-medium text-ink">{state}</span>
      {s.status?.capped && <span className="text-retry">Throttled: {s.status.capped}</span>}
      {s.status?.state === "running" && s.status.unreachable && (
        <span className="text-failed">{s.status.unreachable}</span>
      )}
      {s.status?.state === "running" && s.status.resumed && <span>{s.status.resumed}</span>}
      {s.status?.state === "stopped" && s.status.reason && (
        <span className="text-retry">{s.status.reason}</span>
      )}
      {s.error && <span className="text-retry">{s.error}</span>}
      {s.metrics && <span className="tabular">{formatCount(published)} published</span>}
      {s.metrics && <span className="tabular">{formatCount(failed)} failed attempts</span>}
      {s.metrics && deadLettered > 0 && (
        <span className="tabular text-failed">{formatCount(deadLettered)} dead-lettered</span>
      )}
      {seen > 0 && <span className="tabular">{formatCount(seen)} steps streamed</span>}
      {s.status?.state === "stopped" && s.rows > 0 && (
        <span className="tabular">{formatCount(s.rows)} rows kept</span>
      )}
    </span>
  );
}
