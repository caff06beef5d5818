import type { TopicConfig } from "@/lib/flow";
import { compileTopicSchema } from "@/lib/schemas/topic-schema";
import { note, type ImportContext } from "./import-context";
import { deref, inlineRefs, isObject, type Json } from "./refs";

type SchemaFields = Pick<TopicConfig, "schema" | "onSchemaViolation" | "schemaDeadLetter">;

/** A topic's schema settings as `x-eventloom-topic` keeps them (absent fields left out). */
export function savedSchemaFields(config: TopicConfig): Partial<SchemaFields> {
  const out: Partial<SchemaFields> = {};
  if (config.schema?.trim()) out.schema = config.schema;
  if (config.onSchemaViolation) out.onSchemaViolation = config.onSchemaViolation;
  if (config.schemaDeadLetter) out.schemaDeadLetter = config.schemaDeadLetter;
  return out;
}

/** The topic's schema as a message payload (parsed), or undefined when it has none. */
export function topicPayloadSchema(config: TopicConfig): Json | undefined {
  if (!config.schema?.trim()) return undefined;
  try {
    const parsed = JSON.parse(config.schema);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Schema settings from an Eventloom export's `x-eventloom-topic`, kept only when well-typed. */
export function readSavedSchemaFields(saved: Json): Partial<SchemaFields> {
  const out: Partial<SchemaFields> = {};
  if (typeof saved.schema === "string") out.schema = saved.schema;
  if (saved.onSchemaViolation === "reject" || saved.onSchemaViolation === "dead-letter")
    out.onSchemaViolation = saved.onSchemaViolation;
  if (typeof saved.schemaDeadLetter === "string") out.schemaDeadLetter = saved.schemaDeadLetter;
  return out;
}

/**
 * A channel's schema from another tool's document: the payload of its message (several
 * messages: any of their payloads), with $refs inlined, when it is JSON Schema that compiles
 * within Eventloom's bounds; otherwise the topic takes no schema and the import says why.
 */
export function channelSchema(ctx: ImportContext, path: string, channel: Json): string | undefined {
  const messages = isObject(channel.messages) ? Object.entries(channel.messages) : [];
  const payloads: unknown[] = [];
  for (const [, raw] of messages) {
    const message = deref(ctx.doc, raw);
    const payload = isObject(message) ? message.payload : undefined;
    if (!isObject(payload) || "schemaFormat" in payload || Object.keys(payload).length === 0) continue;
    payloads.push(inlineRefs(ctx.doc, payload));
  }
  if (payloads.length === 0) return undefined;
  const text = JSON.stringify(payloads.length === 1 ? payloads[0] : { anyOf: payloads });
  const compiled = compileTopicSchema(text);
  if (compiled.ok) return text;
  note(
    ctx,
    `${path}.messages`,
    `the message payload schema cannot be the topic's schema: it ${compiled.message}`,
  );
  return undefined;
}
