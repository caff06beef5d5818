import type { ProducerConfig } from "@/lib/flow";
import type { RandomSource } from "../ports";

/**
 * When a rate or interval producer emits next. Without jitter the k-th event falls at
 * anchor + k × gap exactly (no drift from adding floats); with jitter each gap is the mean
 * gap spread uniformly by ±jitterPct, counted from the previous emission's due time (not from
 * the moment its timer ran, which in real time is late, and would cap the rate at one event
 * per timer wake-up).
 */
export function nextEmissionMs(
  config: ProducerConfig,
  anchorMs: number,
  ticks: number,
  previousDueMs: number,
  random: RandomSource,
): number {
  const gap = config.mode === "interval" ? config.intervalMs : 1000 / config.ratePerSec;
  if (config.mode === "interval" || config.jitterPct === 0) return anchorMs + (ticks + 1) * gap;
  const spread = (config.jitterPct / 100) * (2 * random.next() - 1);
  return previousDueMs + gap * (1 + spread);
}

/** The partition key at a dotted path of the payload, as a string; undefined when absent. */
export function readKey(data: unknown, path: string): string | undefined {
  let value: unknown = data;
  let start = 0;
  while (start <= path.length) {
    if (value === null || typeof value !== "object") return undefined;
    const dot = path.indexOf(".", start);
    const end = dot === -1 ? path.length : dot;
    value = (value as Record<string, unknown>)[path.slice(start, end)];
    start = end + 1;
  }
  return value === undefined || value === null
    ? undefined
    : typeof value === "string"
      ? value
      : JSON.stringify(value);
}
