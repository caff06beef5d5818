/**
 * The dashboard charts' axes, as pure functions: a time axis counted back from now, value
 * labels short enough for a narrow axis, and chart heights that follow the space the drawer gives.
 */

/** Tick steps for the time axis, in seconds; the smallest that keeps labels apart is used. */
const TIME_STEPS = [10, 15, 30, 60, 120, 300, 600] as const;
/** Horizontal room one time label needs, in CSS pixels ("−10 min" plus a gap). */
const TIME_LABEL_PX = 64;

/**
 * Where the time axis puts its ticks: at now, now − step, now − 2·step… within [min, max]
 * (seconds since epoch), with the step chosen so labels at least TIME_LABEL_PX apart fit in `plotPx`.
 */
export function timeSplits(min: number, max: number, plotPx: number): number[] {
  const span = max - min;
  if (!(span > 0) || !(plotPx > 0)) return [max];
  const room = Math.max(1, Math.floor(plotPx / TIME_LABEL_PX));
  const step = TIME_STEPS.find((s) => span / s <= room) ?? TIME_STEPS[TIME_STEPS.length - 1];
  const splits: number[] = [];
  for (let at = max; at >= min - 1e-9; at -= step) splits.unshift(at);
  return splits;
}

/** A time tick's label, counted back from the chart's right edge: "now", "−30 s", "−2 min". */
export function formatAgo(secondsBefore: number): string {
  const s = Math.round(secondsBefore);
  if (s <= 0) return "now";
  return s < 60 ? `−${s} s` : `−${Math.round((s / 60) * 10) / 10} min`;
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

/** A value axis label: 0, 0.5, 12, 1.2K, 3.4M (short enough for a 40 px axis). */
export function formatAxisNumber(n: number): string {
  if (n === 0) return "0";
  return Math.abs(n) < 10 ? String(Math.round(n * 100) / 100) : compact.format(n);
}

/** A latency axis label in the unit that reads best: "250 ms", "1.5 s". */
export function formatAxisLatency(ms: number): string {
  if (ms === 0) return "0";
  return ms < 1_000 ? `${formatAxisNumber(ms)} ms` : `${formatAxisNumber(ms / 1_000)} s`;
}

/** Smallest and largest chart heights, in CSS pixels: readable axes at one end, no wall of chart at the other. */
export const CHART_HEIGHT = { min: 96, max: 220 } as const;
/** Room a node's heading and a chart's caption take above each chart row. */
const ROW_CHROME_PX = 52;

/**
 * How tall each chart is: the dashboard's visible height shared among up to two rows of charts,
 * within CHART_HEIGHT; so a taller drawer gives taller charts, and a short one scrolls.
 */
export function chartHeight(visiblePx: number, rows: number): number {
  const shared = visiblePx / Math.max(1, Math.min(rows, 2)) - ROW_CHROME_PX;
  return Math.round(Math.min(CHART_HEIGHT.max, Math.max(CHART_HEIGHT.min, shared)));
}
