import type { OutcomeName } from "@/lib/realtime/protocol";

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const rate = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1 });

export const formatCount = (n: number): string => integer.format(n);
export const formatRate = (n: number): string => rate.format(n);

/** Wall-clock time of a step with milliseconds: 14:03:07.412 */
export function formatTime(atMs: number): string {
  const d = new Date(atMs);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function formatLatency(ms: number | undefined): string {
  if (ms === undefined) return "";
  return ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/** The words the inspector uses for each outcome (the same everywhere). */
export const OUTCOME_LABELS: Record<OutcomeName, string> = {
  published: "published",
  delivered: "delivered",
  acked: "acked",
  failed: "failed",
  "retry-scheduled": "retry",
  "dead-lettered": "dead-lettered",
  filtered: "filtered",
  dropped: "dropped",
};

/** Tailwind classes per outcome: a tinted chip with text, never colour alone (UI.md). */
export const OUTCOME_CLASSES: Record<OutcomeName, string> = {
  published: "text-ink-muted bg-surface-sunken",
  delivered: "text-ink-muted bg-surface-sunken",
  acked: "text-acked bg-acked/10",
  failed: "text-failed bg-failed/10",
  "retry-scheduled": "text-retry bg-retry/10",
  "dead-lettered": "text-failed bg-failed/15 font-semibold",
  filtered: "text-filtered bg-filtered/10",
  dropped: "text-failed bg-failed/10",
};

/** A one-character mark that tells outcomes apart without colour. */
export const OUTCOME_MARKS: Record<OutcomeName, string> = {
  published: "↑",
  delivered: "→",
  acked: "✓",
  failed: "✕",
  "retry-scheduled": "↻",
  "dead-lettered": "☠",
  filtered: "∅",
  dropped: "✕",
};
