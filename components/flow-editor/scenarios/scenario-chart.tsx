"use client";

import { formatSimTime, formatValue, type ResultUnit, type StepMarker } from "@/lib/scenarios";
import { linePoints, peakOf, type ChartSpec } from "./chart-data";

const W = 400;
const H = 90;

/**
 * One chart of a run over simulated time (SVG: at most 720 points a series), with the steps
 * as numbered dashed lines and the first violation, if any, as a red line. Its description
 * says each series' peak, for those who cannot see it.
 */
export function ScenarioChart({
  spec,
  t,
  durationMs,
  steps,
  violationAtMs,
}: {
  spec: ChartSpec;
  t: readonly number[];
  durationMs: number;
  steps: readonly StepMarker[];
  violationAtMs?: number;
}) {
  const max = Math.max(1, ...spec.series.map((s) => peakOf(s.values).value)) * 1.1;
  const x = (ms: number) => Math.min(W, (ms / durationMs) * W);
  const xs = t.map((sec) => x(sec * 1000));
  const description = spec.series
    .map((s) => {
      const peak = peakOf(s.values);
      return `${s.label} peaks at ${formatValue(peak.value, spec.unit as ResultUnit)} at ${formatSimTime((t[peak.index] ?? 0) * 1000)}`;
    })
    .join("; ");
  return (
    <figure className="flex flex-col gap-1">
      <figcaption className="flex justify-between text-xs font-semibold">
        {spec.title}
        <span className="font-normal text-ink-muted tabular">
          up to {formatValue(max / 1.1, spec.unit as ResultUnit)}
        </span>
      </figcaption>
      <svg
        role="img"
        aria-label={`${spec.title}: ${description || "no data"}`}
        viewBox={`0 -12 ${W} ${H + 24}`}
        className="h-auto w-full overflow-visible rounded-md bg-surface-sunken"
      >
        {steps.map((step) => (
          <g key={step.index}>
            <line
              x1={x(step.atMs)}
              x2={x(step.atMs)}
              y1={-4}
              y2={H}
              stroke="var(--color-accent)"
              strokeDasharray="3 3"
              vectorEffect="non-scaling-stroke"
            />
            <text x={x(step.atMs) + 2} y={-3} fontSize="9" fill="var(--color-accent)">
              {step.index + 1}
            </text>
          </g>
        ))}
        {violationAtMs !== undefined && (
          <line
            x1={x(violationAtMs)}
            x2={x(violationAtMs)}
            y1={-8}
            y2={H}
            stroke="var(--color-failed)"
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        )}
        {spec.series.map((s) => (
          <polyline
            key={s.label}
            points={linePoints(s.values, xs, H, max)}
            fill="none"
            stroke={s.color}
            strokeWidth="1.5"
            vectorEffect="non-scaling-stroke"
          />
        ))}
        <text x={0} y={H + 11} fontSize="9" fill="var(--color-ink-muted)">
          0:00
        </text>
        <text x={W} y={H + 11} fontSize="9" textAnchor="end" fill="var(--color-ink-muted)">
          {formatSimTime(durationMs)}
        </text>
      </svg>
      <ul aria-hidden="true" className="flex flex-wrap gap-x-3 gap-y-0.5 text-[11px] text-ink-muted">
        {spec.series.map((s) => (
          <li key={s.label} className="flex items-center gap-1">
            <span className="inline-block h-0.5 w-3" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
