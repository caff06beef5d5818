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
  schema: "Event schema (JSON Schema)",
  onSchemaViolation: "Events breaking the schema",
  schemaDeadLetter: "Dead-letter topic for them",
  transformExpression: "Transform expression (JSONata)",
  webhookUrl: "Webhook URL",
  webhookHeaders: "Request headers (Name: value per line)",
  webhookTimeoutMs: "Timeout (ms)",
  webhookSecret: "Signing secret (whsec_…)",
};

/** One sentence per field on what it means, shown under the field (keyed like FIELD_LABELS). */
export const FIELD_HELP: Record<string, string> = {
  eventType: "The CloudEvents type of every event this producer emits, e.g. order.placed.",
  source: "Where the events come from (CloudEvents source), a URI reference like /shop/checkout.",
  mode: "How events are emitted: at a steady rate, on an interval, in bursts, or only when you press Fire.",
  ratePerSec: "How many events per second the producer emits while the flow runs.",
  jitterPct:
    "Random spread around the rate: 0 is a metronome, 100 makes gaps vary by up to their whole length.",
  intervalMs: "The time between two events.",
  burstCount: "How many events one burst (at deploy and at each Fire) emits at once.",
  maxEvents: "The producer stops after this many events; leave empty to never stop.",
  payloadTemplate: "The JSON body of each event; {{placeholders}} are filled with fake data per event.",
  partitionKeyPath:
    "The payload field whose value picks the partition, so events with the same key stay in order.",
  name: "The topic's name, which consumers and the inspector show; lowercase letters, digits and . _ -.",
  partitions:
    "How many ordered logs the topic is split into; more partitions let more workers of a group share the work.",
  "retention.maxEventsPerPartition": "The oldest events are dropped when a partition holds more than this.",
  "retention.maxAgeMs": "Events older than this are dropped; 0 keeps them however old they are.",
  group:
    "Consumers with the same group split the work (each event goes to one of them); another group gets its own copy.",
  concurrency: "How many workers of this group process events at the same time, at most one per partition.",
  "processingMs.min": "The shortest time one delivery takes to process.",
  "processingMs.max": "The longest time one delivery takes to process (a random time in between is used).",
  failureRatePct: "The chance that one delivery attempt fails, to see retries and dead letters.",
  "retry.maxAttempts":
    "Attempts per event before it is dead-lettered (or dropped if there is no dead-letter topic).",
  "retry.backoff": "How the wait between attempts grows: fixed keeps it the same, exponential doubles it.",
  "retry.initialDelayMs": "The wait before the first retry.",
  "retry.maxDelayMs": "The longest wait between two attempts, however many have failed.",
  online: "An offline consumer receives nothing; its lag grows until it comes back.",
  action:
    "What the consumer does with an event: just process it, transform it into a new event, reply to it, or deliver it over HTTP (webhook).",
  transformExpression: "A JSONata expression that turns the event into the new event's payload.",
  webhookUrl:
    "Each delivery is POSTed here as a CloudEvent in binary mode. Private and loopback addresses are refused.",
  webhookHeaders:
    "Extra request headers, one 'Name: value' per line (only the edit link shows their values).",
  webhookTimeoutMs: "A call that takes longer fails the attempt; it is retried like a 5xx.",
  webhookSecret: "Standard Webhooks signing secret; receivers verify webhook-signature with it.",
  schema:
    "A JSON Schema for the data of events sent in (ingest, produce by hand); producers' templates are checked against it. Patterns use RE2 syntax (no lookaround).",
  onSchemaViolation:
    "reject: the sender gets 422 listing the violations. dead-letter: the event is accepted and published to the dead-letter topic instead.",
  schemaDeadLetter: "The name of another topic of this flow that takes the events breaking the schema.",
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
    case "webhookUrl":
    case "webhookHeaders":
    case "webhookTimeoutMs":
    case "webhookSecret":
      return config.action === "webhook";
    case "onSchemaViolation":
      return typeof config.schema === "string" && config.schema.trim() !== "";
    case "schemaDeadLetter":
      return config.onSchemaViolation === "dead-letter";
    case "processingMs":
    case "processingMs.min":
    case "processingMs.max":
    case "failureRatePct":
      // A webhook's processing is the real call: no simulated time or failures.
      return config.action !== "webhook";
    default:
      return true;
  }
}

/** Fields with an editor of their own instead of a plain input. */
export const MULTILINE_FIELDS = new Set([
  "payloadTemplate",
  "transformExpression",
  "webhookHeaders",
  "schema",
]);
