import * as z from "../../zod";
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
  name: z.string().check(
    z.minLength(1, "must not be empty"),
    z.maxLength(FLOW_LIMITS.maxTopicName, `must be at most ${FLOW_LIMITS.maxTopicName} characters`),
    z.superRefine((name: string, ctx) => {
      if (!TOPIC_NAME_PATTERN.test(name)) {
        ctx.addIssue({
          code: "custom",
          message: `topic name '${name}' may use lowercase letters, digits and . _ - only: try '${suggestTopicName(name)}'`,
        });
      }
    }),
  ),
  partitions: z.number().check(z.int(), z.gte(1, "must be at least 1"), z.lte(64, "must be at most 64")),
  /** Absent means embedded (flows saved before backends existed need no migration). */
  backend: z.optional(z.enum(TOPIC_BACKENDS)),
  retention: z.strictObject({
    maxEventsPerPartition: z.number().check(z.int(), z.gte(1), z.lte(10_000_000)),
    /** Oldest events beyond this age are trimmed; 0 keeps them regardless of age. */
    maxAgeMs: z.number().check(z.int(), z.gte(0), z.lte(30 * 86_400_000)),
  }),
  /** A JSON Schema the data of events sent in (ingest, produce by hand) must follow. */
  schema: z.optional(
    z.string().check(
      z.maxLength(TOPIC_SCHEMA_LIMITS.maxChars, `must be at most ${TOPIC_SCHEMA_LIMITS.maxChars} characters`),
      z.superRefine((text: string, ctx) => {
        const problem = topicSchemaProblem(text);
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    ),
  ),
  /** An event that breaks the schema: refused (422), or published to `schemaDeadLetter` instead. */
  onSchemaViolation: z.optional(z.enum(SCHEMA_VIOLATION_ACTIONS)),
  /** The topic (by name) that takes events breaking the schema, when `onSchemaViolation` is dead-letter. */
  schemaDeadLetter: z.optional(z.string().check(z.maxLength(FLOW_LIMITS.maxTopicName))),
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
