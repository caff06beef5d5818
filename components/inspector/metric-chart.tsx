"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { useElementSize } from "@/components/ui/use-element-size";
import { formatAgo, timeSplits } from "./chart-scales";

const MIN_SPAN_SEC = 60;
const AXIS_FONT = "11px system-ui, sans-serif";

interface Props {
  /** Seconds since epoch, oldest first. */
  t: number[];
  values: (number | null)[];
  /** A CSS custom property holding the line colour, e.g. "--color-consumer". */
  colorVar: string;
  /** What the chart shows, for assistive technology (the current value is printed beside it). */
  label: string;
  windowSec: number;
  height: number;
  /** Formats a value-axis label, with its unit where the caption does not give one. */
  formatValue: (n: number) => string;
}

function cssVar(el: Element, name: string, fallback: string): string {
  return getComputedStyle(el).getPropertyValue(name).trim() || fallback;
}

/**
 * A streaming line chart with a time axis (counted back from now) and a value axis, on one uPlot
 * canvas as wide as its container: created once per colour, then setData each second and
 * setSize when the drawer or the window changes size.
 */
export function MetricChart({ t, values, colorVar, label, windowSec, height, formatValue }: Props) {
  const target = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const { width } = useElementSize(target);
  const format = useRef(formatValue);
  format.current = formatValue;

  useEffect(() => {
    const el = target.current!;
    const color = cssVar(el, colorVar, "gray");
    const ink = cssVar(el, "--color-ink-muted", "gray");
    const line = cssVar(el, "--color-line", "lightgray");
    const axis = { font: AXIS_FONT, stroke: ink, grid: { stroke: line, width: 1 }, ticks: { show: false } };
    const opts: uPlot.Options = {
      width: Math.max(1, el.clientWidth),
      height,
      pxAlign: false,
      cursor: { show: false },
      legend: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        {
          ...axis,
          size: 22,
          gap: 4,
          splits: (u, _i, min, max) => timeSplits(min, max, u.bbox.width / uPlot.pxRatio || u.width - 52),
          values: (u, splits) => splits.map((s) => formatAgo((u.scales.x.max ?? s) - s)),
        },
        {
          ...axis,
          size: 52,
          gap: 4,
          space: 24,
          values: (_u, splits) => splits.map((s) => format.current(s)),
        },
      ],
      series: [
        {},
        {
          stroke: color,
          width: 1.5,
          fill: `color-mix(in oklab, ${color} 18%, transparent)`,
          spanGaps: false,
        },
      ],
    };
    chart.current = new uPlot(opts, [[], []], el);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // the size is applied below without rebuilding the chart
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [colorVar]);

  useEffect(() => {
    if (width > 0) chart.current?.setSize({ width, height });
  }, [width, height]);

  useEffect(() => {
    const u = chart.current;
    if (!u) return;
    const now = t[t.length - 1] ?? Date.now() / 1000;
    // a young run fills the chart over its first minute instead of sitting at the right edge
    const span = Math.min(windowSec, Math.max(MIN_SPAN_SEC, now - (t[0] ?? now)));
    u.setData([t, values], false);
    u.setScale("x", { min: now - span, max: now });
  }, [t, values, windowSec, colorVar]);

  return <div ref={target} role="img" aria-label={label} className="w-full min-w-0" style={{ height }} />;
}
