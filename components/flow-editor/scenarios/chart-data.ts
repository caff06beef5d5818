import type { FlowGraph } from "@/lib/flow";
import { nodeName, type ScenarioResult } from "@/lib/scenarios";

export interface ChartSeries {
  label: string;
  values: number[];
  color: string;
}

export interface ChartSpec {
  title: string;
  unit: string;
  series: ChartSeries[];
}

/** Distinct hues for series that have no meaning of their own (groups, producers). */
const hue = (i: number) => `oklch(0.62 0.15 ${(165 + i * 97) % 360})`;

const nameOf = (graph: FlowGraph, id: string) => {
  const node = graph.nodes.find((n) => n.id === id);
  return node ? nodeName(node) : id;
};

/**
 * The four charts of a run over simulated time: published rate per producer, lag per group,
 * p99 latency per group, and outcomes per second (coloured as everywhere: acked green, failed
 * and dead-lettered red, with their names in the legend).
 */
export function chartsOf(result: ScenarioResult, graph: FlowGraph): ChartSpec[] {
  const { series } = result;
  const groups = Object.entries(series.groups);
  return [
    {
      title: "Published per second",
      unit: "events/s",
      series: Object.entries(series.producers).map(([id, p], i) => ({
        label: nameOf(graph, id),
        values: p.published,
        color: hue(i),
      })),
    },
    {
      title: "Lag per group",
      unit: "events",
      series: groups.map(([id, g], i) => ({ label: nameOf(graph, id), values: g.lag, color: hue(i) })),
    },
    {
      title: "p99 latency per group",
      unit: "ms",
      series: groups.map(([id, g], i) => ({ label: nameOf(graph, id), values: g.p99, color: hue(i) })),
    },
    {
      title: "Outcomes per second",
      unit: "events/s",
      series: [
        { label: "acked", values: series.outcomes.acked, color: "var(--color-acked)" },
        { label: "failed", values: series.outcomes.failed, color: "var(--color-retry)" },
        { label: "dead-lettered", values: series.outcomes.deadLettered, color: "var(--color-failed)" },
        { label: "dropped", values: series.outcomes.dropped, color: "var(--color-filtered)" },
      ],
    },
  ];
}

/** The highest value of a series and the point it is at, for the chart's description. */
export function peakOf(values: readonly number[]): { value: number; index: number } {
  let index = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[index]) index = i;
  return { value: values[index] ?? 0, index };
}

/** A polyline's points for `values` at x positions `xs`, in a box `height` high: 0 at the bottom, `max` at the top. */
export function linePoints(
  values: readonly number[],
  xs: readonly number[],
  height: number,
  max: number,
): string {
  return values
    .map((v, i) => `${(xs[i] ?? 0).toFixed(1)},${(height - (max > 0 ? (v / max) * height : 0)).toFixed(1)}`)
    .join(" ");
}
