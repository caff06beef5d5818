"use client";

import { memo, useId, useRef } from "react";
import { useLive } from "@/components/realtime/live-hooks";
import { HISTORY_WINDOW_MS, type NodeHistory } from "@/components/realtime/metrics-history";
import { useElementSize } from "@/components/ui/use-element-size";
import { chartHeight, formatAxisLatency, formatAxisNumber } from "./chart-scales";
import { formatCount, formatLatency, formatRate } from "./format";
import { MetricChart } from "./metric-chart";
import type { InspectorNode } from "./node-names";
import { NodeControls } from "./node-controls";

const WINDOW_SEC = HISTORY_WINDOW_MS / 1000;
/** Narrowest a chart gets before the grid drops a column. */
const MIN_CHART_PX = 240;
const KIND_COLOR = {
  producer: "--color-producer",
  topic: "--color-topic",
  consumer: "--color-consumer",
} as const;

interface Metric {
  key: "throughput" | "lag" | "errorRate" | "latencyP99";
  title: string;
  /** The unit, said once in the caption; the value axis then needs none. */
  unit: string;
  colorVar: (node: InspectorNode) => string;
  current: (n: number | null) => string;
  axis: (n: number) => string;
}

const THROUGHPUT: Metric = {
  key: "throughput",
  title: "Throughput",
  unit: "events/s",
  colorVar: (node) => KIND_COLOR[node.kind],
  current: (n) => formatRate(n ?? 0),
  axis: formatAxisNumber,
};
const CONSUMER_METRICS: readonly Metric[] = [
  THROUGHPUT,
  {
    key: "lag",
    title: "Lag",
    unit: "events not yet acked",
    colorVar: () => "--color-retry",
    current: (n) => formatCount(n ?? 0),
    axis: formatAxisNumber,
  },
  {
    key: "errorRate",
    title: "Error rate",
    unit: "failed attempts/s",
    colorVar: () => "--color-failed",
    current: (n) => formatRate(n ?? 0),
    axis: formatAxisNumber,
  },
  {
    key: "latencyP99",
    title: "Latency p99",
    unit: "delivery to ack",
    colorVar: () => "--color-consumer",
    current: (n) => (n === null ? "—" : formatLatency(n)),
    axis: formatAxisLatency,
  },
];

/**
 * Per node, charts of throughput (and for consumers lag, error rate and latency p99) over the
 * last ten minutes, with time and value axes. The charts share the dashboard's width in aligned
 * columns and grow taller as the drawer does.
 */
export function MetricsDashboard({ nodes }: { nodes: readonly InspectorNode[] }) {
  const hasMetrics = useLive((s) => s.metrics !== null);
  const scroller = useRef<HTMLDivElement>(null);
  const size = useElementSize(scroller);
  const columns = Math.max(1, Math.min(4, Math.floor(size.width / MIN_CHART_PX)));
  const height = chartHeight(size.height, nodes.length);
  return (
    <div ref={scroller} className="min-h-0 flex-1 overflow-auto px-3 pt-2 pb-3">
      {!hasMetrics ? (
        <p className="py-2 text-sm text-ink-muted">
          No metrics yet. Deploy the flow: each node&apos;s throughput, lag, error rate and latency appear
          here every second.
        </p>
      ) : (
        <>
          <p className="mb-2 text-xs text-ink-muted">
            Up to the last 10 minutes, one point per second; time counts back from now.
          </p>
          <div className="flex flex-col gap-4">
            {nodes.map((n) => (
              <NodeCharts key={n.id} node={n} columns={columns} height={height} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

const NodeCharts = memo(function NodeCharts({
  node,
  columns,
  height,
}: {
  node: InspectorNode;
  columns: number;
  height: number;
}) {
  const history = useLive((s) => s.history[node.id]);
  const headingId = useId();
  if (!history || history.t.length === 0) return null;
  const metrics = node.kind === "consumer" ? CONSUMER_METRICS : [THROUGHPUT];
  return (
    <div role="group" aria-labelledby={headingId}>
      <div className="mb-1 flex flex-wrap items-center gap-x-2 gap-y-1">
        <span
          className="inline-block size-2 shrink-0 rounded-full"
          style={{ background: `var(${KIND_COLOR[node.kind]})` }}
          aria-hidden="true"
        />
        <h3 id={headingId} className="min-w-0 truncate text-sm font-medium" title={node.name}>
          {node.name}
        </h3>
        <span className="text-xs text-ink-muted">{node.kind}</span>
        <span className="ml-auto">
          <NodeControls node={node} />
        </span>
      </div>
      <div className="grid gap-3" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))` }}>
        {metrics.map((m) => (
          <MetricFigure key={m.key} node={node} metric={m} history={history} height={height} />
        ))}
      </div>
    </div>
  );
});

function MetricFigure({
  node,
  metric,
  history,
  height,
}: {
  node: InspectorNode;
  metric: Metric;
  history: NodeHistory;
  height: number;
}) {
  const captionId = useId();
  const values = history[metric.key];
  const now = values[values.length - 1] ?? null;
  return (
    <figure aria-labelledby={captionId} className="min-w-0 rounded border border-line bg-surface px-2 pt-1">
      <figcaption id={captionId} className="flex items-baseline gap-1.5 text-xs">
        <span className="font-medium">{metric.title}</span>{" "}
        <span className="min-w-0 truncate text-ink-muted">{metric.unit}</span>{" "}
        <data value={now ?? ""} className="tabular ml-auto text-sm font-semibold">
          {metric.current(now)}
        </data>
      </figcaption>
      <MetricChart
        t={history.t}
        values={values}
        colorVar={metric.colorVar(node)}
        label={`${metric.title} of ${node.name}`}
        windowSec={WINDOW_SEC}
        height={height}
        formatValue={metric.axis}
      />
    </figure>
  );
}
