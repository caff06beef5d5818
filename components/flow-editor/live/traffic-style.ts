/**
 * How an edge shows its traffic: moving dashes whose width and speed grow with the delivery
 * rate (logarithmically, so 1/s and 1,000/s both read), in a few steps, so an edge re-renders
 * only when its look changes, not on every batch.
 */
export interface TrafficLook {
  /** 0: no traffic (nothing drawn); 1..LEVELS grow with the rate. */
  level: number;
  failing: boolean;
}

export const LEVELS = 6;

/** 0 below 0.1/s; then one level per half decade: ≥0.1, ≥1, ≥3, ≥10, ≥30, ≥100 per second. */
export function trafficLevel(ratePerSec: number | undefined): number {
  if (!ratePerSec || ratePerSec < 0.1) return 0;
  const steps = [0.1, 1, 3, 10, 30, 100];
  let level = 0;
  for (const [i, floor] of steps.entries()) if (ratePerSec >= floor) level = i + 1;
  return level;
}

/** Stroke width of the moving dashes, in px. */
export const trafficWidth = (level: number): number => (level === 0 ? 0 : 2.5 + level * 0.75);

/** Seconds for a dash to travel one pattern length: faster with more traffic. */
export const trafficSeconds = (level: number): number =>
  level === 0 ? 0 : Math.max(0.25, 1.6 - level * 0.25);

/** One string per look, so a selector can return it and re-render only on change. */
export const lookKey = (look: TrafficLook): string => `${look.level}${look.failing ? "f" : ""}`;
