import { z } from "zod";
import { FLOW_LIMITS } from "../limits";
import type { NodeKindSpec } from "./common";
import { TOPIC_SCHEMA_LIMITS } from "../../schemas/schema-limits";
import { topicSchemaProblem } from "../../schemas/topic-schema-check";

/** What happens to an event sent in that breaks its topic's schema. */
export const SCHEMA_VIOLATION_ACTIONS = ["reject", "dead-letter"] as const;

export const TOPIC_NAME_PATTERN = /^[a-z0-9._-]+$/;

/** Where a topic's events live: in the server's memory, or on a broker the team runs. */
export const TOPIC_BACKENDS = ["embedded", "redis", "nats"] as const;
export type TopicBackend = (typeof TOPIC_BACKENDS)[number];
export const TOPIC_BACKEND_LABELS: Record<TopicBackend, string> = {
  embedded: "Embedded",
  redis: "Redis Streams",
  nats: "NATS JetStream",
};

/** A topic is a partitioned, append-only log with retention by count and age. */
export const ZTopicConfig = z.strictObject({
  name: z
    .string()
    .min(1, "must not be empty")
    .max(FLOW_LIMITS.maxTopicName, `must be at most ${FLOW_LIMITS.maxTopicName} characters`)
    .superRefine((name, ctx) => {
      if (!TOPIC_NAME_PATTERN.test(name)) {
        ctx.addIssue({
          code: "custom",
          message: `topic name '${name}' may use lowercase letters, digits and . _ - only: try '${suggestTopicName(name)}'`,
        });
      }
    }),
  partitions: z.number().int().min(1, "must be at least 1").max(64, "must be at most 64"),
  /** Absent means embedded (flows saved before backends existed need no migration). */
  backend: z.enum(TOPIC_BACKENDS).optional(),
  retention: z.strictObject({
    maxEventsPerPartition: z.number().int().min(1).max(10_000_000),
    /** Oldest events beyond this age are trimmed; 0 keeps them regardless of age. */
    maxAgeMs: z
      .number()
      .int()
      .min(0)
      .max(30 * 86_400_000),
  }),
  /** A JSON Schema the data of events sent in (ingest, produce by hand) must follow. */
  schema: z
    .string()
    .max(TOPIC_SCHEMA_LIMITS.maxChars, `must be at most ${TOPIC_SCHEMA_LIMITS.maxChars} characters`)
    .superRefine((text, ctx) => {
      const problem = topicSchemaProblem(text);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  /** An event that breaks the schema: refused (422), or published to `schemaDeadLetter` instead. */
  onSchemaViolation: z.enum(SCHEMA_VIOLATION_ACTIONS).optional(),
  /** The topic (by name) that takes events breaking the schema, when `onSchemaViolation` is dead-letter. */
  schemaDeadLetter: z.string().max(FLOW_LIMITS.maxTopicName).optional(),
});
export type TopicConfig = z.infer<typeof ZTopicConfig>;

/** Suggests a valid topic name for a person's input ("Orders Topic" → "orders-topic"). */
export function suggestTopicName(input: string): string {
  const cleaned = input
    .toLowerCase()
    .trim()
    .replace(/\s+/g, "-")
    .replace(/[^a-z0-9._-]/g, "");
  return cleaned.slice(0, FLOW_LIMITS.maxTopicName) || "topic";
}

export const topicKind: NodeKindSpec<TopicConfig> = {
  kind: "topic",
  title: "Topic",
  hint: "A partitioned log that keeps events for its subscribers",
  configSchema: ZTopicConfig,
  defaults: () => ({
    name: "orders",
    partitions: 3,
    retention: { maxEventsPerPartition: 100_000, maxAgeMs: 0 },
  }),
  outgoing: [{ edge: "subscribes", to: "consumer" }],
};
