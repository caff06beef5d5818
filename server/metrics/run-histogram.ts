import { Histogram, type MetricType, type Registry } from "prom-client";
import type { LatencyHistogram } from "../runtime/metrics/latency-histogram";

/** Bucket bounds (ms) of the latency histograms: 1 ms to a minute. */
export const LATENCY_BUCKETS_MS = [
  1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000, 60_000,
];

type Labels = Record<string, string>;
type Exported = Awaited<ReturnType<Histogram<string>["get"]>>;
type Value = Exported["values"][number] & { metricName: string };
/** The live histograms to expose at scrape time, each with its labels. */
export type HistogramRows = () => Promise<{ labels: Labels; histogram: LatencyHistogram }[]>;

/**
 * A Prometheus histogram (`_bucket`, `_sum`, `_count`) read from the runtime's own histograms
 * at scrape time, instead of observed value by value: the runtime already counts every
 * delivery in a fixed array, so the hot path pays nothing for Prometheus. The buckets are
 * cumulative, as Prometheus wants them.
 */
export class RunHistogram extends Histogram<string> {
  private readonly config: { name: string; help: string };

  constructor(
    config: { name: string; help: string; labelNames: string[]; registers: Registry[] },
    private readonly rows: HistogramRows,
  ) {
    super({ ...config, buckets: LATENCY_BUCKETS_MS });
    this.config = config;
  }

  override async get(): Promise<Exported> {
    const name = this.config.name;
    const values: Value[] = [];
    for (const { labels, histogram } of await this.rows()) {
      for (const le of LATENCY_BUCKETS_MS)
        values.push({
          metricName: `${name}_bucket`,
          labels: { ...labels, le },
          value: histogram.countAtOrBelow(le),
        });
      values.push(
        { metricName: `${name}_bucket`, labels: { ...labels, le: "+Inf" }, value: histogram.total },
        { metricName: `${name}_sum`, labels, value: round(histogram.sumMs) },
        { metricName: `${name}_count`, labels, value: histogram.total },
      );
    }
    const collect = () => undefined;
    return {
      name,
      help: this.config.help,
      type: HISTOGRAM,
      values,
      aggregator: "sum",
      collect,
    };
  }

  /** The registry formats from this one when a metric has it (prom-client's own histograms do). */
  getForPromString() {
    return this.get();
  }
}

// prom-client declares MetricType as an enum in its types but exports no such value at run time.
const HISTOGRAM = "histogram" as unknown as MetricType;
const round = (ms: number) => Math.round(ms * 1000) / 1000;
