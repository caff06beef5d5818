import type { IncomingEvent } from "@/lib/ingest/attributes";
import { createEvent } from "@/lib/events/envelope";
import type { FlowGraph, FlowNode } from "@/lib/flow";
import { compileTopicSchema, describeViolations, TOPIC_SCHEMA_LIMITS } from "@/lib/schemas/topic-schema";
import { installCompiledSchemas } from "../schemas/compiled-schemas";

type TopicNode = Extract<FlowNode, { kind: "topic" }>;

installCompiledSchemas();

/** What a topic's schema says of the events sent to it. */
export type SchemaVerdict =
  | { kind: "pass" }
  /** Refuse the request (422): each violation by event and path, and the refused items. */
  | { kind: "reject"; error: string; issues: { path: string; message: string }[]; items: number[] }
  /** Publish the breaking events (by index) as letters to the dead-letter topic, the rest as sent. */
  | { kind: "dead-letter"; topicId: string; topic: string; letters: Map<number, IncomingEvent> };

/**
 * Checks the data of events sent into a topic (ingest, produce by hand) against the topic's
 * JSON Schema. `prefix` names an event in issue paths (`[2].` in a batch, "" for one event).
 */
export function schemaVerdict(
  graph: FlowGraph,
  topicNode: TopicNode,
  events: readonly IncomingEvent[],
  options: { prefix: (i: number) => string; newId: () => string; nowMs: number },
): SchemaVerdict {
  const text = topicNode.config.schema;
  if (!text?.trim()) return { kind: "pass" };
  const compiled = compileTopicSchema(text);
  // A stored flow passed validation, so its schema compiles; should it not, nothing is checked.
  if (!compiled.ok) return { kind: "pass" };
  const issues: { path: string; message: string }[] = [];
  const broken = new Map<number, ReturnType<typeof compiled.check>>();
  events.forEach(({ event }, i) => {
    const found = compiled.check(event.data);
    if (found.length === 0) return;
    broken.set(i, found);
    for (const v of found.slice(0, TOPIC_SCHEMA_LIMITS.maxListed))
      issues.push({ path: `${options.prefix(i)}data${v.path}`, message: v.message });
  });
  if (broken.size === 0) return { kind: "pass" };
  const name = topicNode.config.name;
  const dlq =
    topicNode.config.onSchemaViolation === "dead-letter"
      ? graph.nodes.find((n) => n.kind === "topic" && n.config.name === topicNode.config.schemaDeadLetter)
      : undefined;
  if (!dlq || dlq.kind !== "topic") {
    const items = [...broken.keys()];
    return {
      kind: "reject",
      error:
        events.length === 1
          ? `The event's data breaks the schema of topic '${name}': ${describeViolations(broken.get(0)!)}`
          : `${items.length} of ${events.length} events break the schema of topic '${name}'; none was published`,
      issues: issues.slice(0, 100),
      items,
    };
  }
  const letters = new Map<number, IncomingEvent>();
  for (const [i, found] of broken) {
    const original = events[i].event;
    const letter = createEvent({
      id: options.newId(),
      source: `/eventloom/schema/${name}`,
      type: `${original.type}.schema-rejected`,
      timeMs: options.nowMs,
      data: {
        original,
        reason: "schema",
        topic: name,
        violations: found.slice(0, TOPIC_SCHEMA_LIMITS.maxListed),
      },
      cause: original,
    });
    letters.set(i, { event: letter, ...(events[i].key !== undefined ? { key: events[i].key } : {}) });
  }
  return { kind: "dead-letter", topicId: dlq.id, topic: dlq.config.name, letters };
}
