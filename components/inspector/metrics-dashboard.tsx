"use client";

import { memo } from "react";
import { useLive } from "@/components/realtime/live-hooks";
import { HISTORY_WINDOW_MS } from "@/components/realtime/metrics-history";
import { formatLatency, formatRate, formatCount } from "./format";
import type { InspectorNode } from "./node-names";
import { NodeControls } from "./node-controls";
import { Sparkline } from "./sparkline";

const WINDOW_SEC = HISTORY_WINDOW_MS / 1000;
const KIND_COLOR = {
  producer: "--color-producer",
  topic: "--color-topic",
  consumer: "--color-consumer",
} as const;

/** Per-node sparklines of throughput, lag, error rate and latency p99 over the last ten minutes. */
export function MetricsDashboard({ nodes }: { nodes: readonly InspectorNode[] }) {
  const hasMetrics = useLive((s) => s.metrics !== null);
  if (!hasMetrics)
    return (
      <p className="p-4 text-sm text-ink-muted">
        No metrics yet. Deploy the flow: each node&apos;s throughput, lag, error rate and latency appear here
        every second.
      </p>
    );
  return (
    <div className="min-h-0 flex-1 overflow-auto p-3">
      <table className="w-full border-separate border-spacing-y-1 text-sm">
        <caption className="mb-1 text-left text-xs text-ink-muted">
          Up to the last 10 minutes, one point per second
        </caption>
        <thead>
          <tr className="text-left text-xs text-ink-muted">
            <th scope="col" className="font-medium">
              Node
            </th>
            <th scope="col" className="font-medium">
              Throughput (events/s)
            </th>
            <th scope="col" className="font-medium">
              Lag
            </th>
            <th scope="col" className="font-medium">
              Error rate (failed attempts/s)
            </th>
            <th scope="col" className="font-medium">
              Latency p99
            </th>
            <th scope="col" className="font-medium">
              <span className="sr-only">Controls</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <NodeCharts key={n.id} node={n} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const NodeCharts = memo(function NodeCharts({ node }: { node: InspectorNode }) {
  const history = useLive((s) => s.history[node.id]);
  if (!history || history.t.length === 0) return null;
  const last = history.t.length - 1;
  const consumer = node.kind === "consumer";
  const cell = (values: (number | null)[], colorVar: string, text: string, label: string) => (
    <td>
      <div className="flex items-center gap-2">
        <Sparkline
          t={history.t}
          values={values}
          colorVar={colorVar}
          label={`${label} of ${node.name}`}
          windowSec={WINDOW_SEC}
        />
        <span className="tabular w-16 text-xs">{text}</span>
      </div>
    </td>
  );
  const empty = <td className="text-xs text-ink-muted">—</td>;
  return (
    <tr>
      <th scope="row" className="pr-3 text-left font-medium">
        <span
          className="mr-1.5 inline-block size-2 rounded-full"
          style={{ background: `var(${KIND_COLOR[node.kind]})` }}
          aria-hidden="true"
        />
        {node.name}
      </th>
      {cell(history.throughput, KIND_COLOR[node.kind], formatRate(history.throughput[last]!), "Throughput")}
      {consumer ? cell(history.lag, "--color-retry", formatCount(history.lag[last]!), "Lag") : empty}
      {consumer
        ? cell(history.errorRate, "--color-failed", formatRate(history.errorRate[last]!), "Error rate")
        : empty}
      {consumer
        ? cell(
            history.latencyP99,
            "--color-consumer",
            formatLatency(history.latencyP99[last] ?? undefined),
            "Latency p99",
          )
        : empty}
      <td className="text-right">
        <NodeControls node={node} />
      </td>
    </tr>
  );
});
