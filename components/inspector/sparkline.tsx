"use client";

import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

const MIN_SPAN_SEC = 60;

interface Props {
  /** Seconds since epoch, oldest first. */
  t: number[];
  values: (number | null)[];
  /** A CSS custom property holding the line colour, e.g. "--color-consumer". */
  colorVar: string;
  /** What the chart shows, for assistive technology (the current value is printed beside it). */
  label: string;
  windowSec: number;
  width?: number;
  height?: number;
}

/**
 * A streaming sparkline on one uPlot canvas: created once, then only setData per update,
 * so a second's new point costs a redraw of one small canvas, not a React tree.
 */
export function Sparkline({ t, values, colorVar, label, windowSec, width = 160, height = 32 }: Props) {
  const target = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);

  useEffect(() => {
    const el = target.current!;
    const color = getComputedStyle(el).getPropertyValue(colorVar).trim() || "gray";
    const opts: uPlot.Options = {
      width,
      height,
      pxAlign: false,
      cursor: { show: false },
      legend: { show: false },
      select: { show: false, left: 0, top: 0, width: 0, height: 0 },
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [{ show: false }, { show: false }],
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
  }, [colorVar, width, height]);

  useEffect(() => {
    const u = chart.current;
    if (!u) return;
    const now = t[t.length - 1] ?? Date.now() / 1000;
    // a young run fills the chart over its first minute instead of sitting at the right edge
    const span = Math.min(windowSec, Math.max(MIN_SPAN_SEC, now - (t[0] ?? now)));
    u.setData([t, values], false);
    u.setScale("x", { min: now - span, max: now });
  }, [t, values, windowSec, colorVar]);

  return <div ref={target} role="img" aria-label={label} style={{ width, height }} />;
}
