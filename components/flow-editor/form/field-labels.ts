/** The words the form shows for config fields, keyed by dotted path; unlisted keys are humanized. */
export const FIELD_LABELS: Record<string, string> = {
  eventType: "Event type",
  source: "Source",
  mode: "Emission mode",
  ratePerSec: "Rate (events per second)",
  jitterPct: "Jitter (%)",
  intervalMs: "Interval (ms)",
  burstCount: "Burst size (events)",
  maxEvents: "Stop after (events)",
  payloadTemplate: "Payload template",
  partitionKeyPath: "Partition key path",
  name: "Topic name",
  partitions: "Partitions",
  retention: "Retention",
  "retention.maxEventsPerPartition": "Max events per partition",
  "retention.maxAgeMs": "Max age (ms, 0 keeps all)",
  group: "Consumer group",
  concurrency: "Concurrency (workers)",
  processingMs: "Processing time (ms)",
  "processingMs.min": "Processing min (ms)",
  "processingMs.max": "Processing max (ms)",
  failureRatePct: "Failure rate (%)",
  retry: "Retry policy",
  "retry.maxAttempts": "Max attempts",
  "retry.backoff": "Backoff",
  "retry.initialDelayMs": "Initial delay (ms)",
  "retry.maxDelayMs": "Max delay (ms)",
  online: "Online",
  action: "Action",
  transformExpression: "Transform expression (JSONata)",
};

export function fieldLabel(path: readonly string[]): string {
  const key = path.join(".");
  if (FIELD_LABELS[key]) return FIELD_LABELS[key];
  const last = path[path.length - 1] ?? "";
  const words = last.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fields that only matter in some states (a producer's rate only in rate mode). */
export function fieldApplies(path: readonly string[], config: Record<string, unknown>): boolean {
  switch (path.join(".")) {
    case "ratePerSec":
    case "jitterPct":
      return config.mode === "rate";
    case "intervalMs":
      return config.mode === "interval";
    case "burstCount":
      return config.mode === "burst" || config.mode === "manual";
    case "transformExpression":
      return config.action === "transform";
    default:
      return true;
  }
}

/** Fields with an editor of their own instead of a plain input. */
export const MULTILINE_FIELDS = new Set(["payloadTemplate", "transformExpression"]);
