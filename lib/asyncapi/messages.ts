import type { ConsumerNode, ProducerNode } from "@/lib/flow";
import { CLOUDEVENTS_TRAIT_REF, fixedAttributes } from "./cloudevents-trait";
import { templateToSchema } from "./template-schema";
import type { AsyncApiMessage, JsonSchema } from "./types";

/** The kinds of event a consumer itself publishes, named as the runtime types them. */
export type ConsumerOutput = "reply" | "transformed" | "dead-lettered";

const base = (title: string, headers: JsonSchema): AsyncApiMessage => ({
  title,
  contentType: "application/json",
  headers,
  traits: [{ $ref: CLOUDEVENTS_TRAIT_REF }],
});

/**
 * A producer's events: CloudEvents `type` and `source` fixed, the payload schema inferred from
 * its template (or the topic's own schema, when it has one), and one rendered example. A
 * template that does not compile gets an open schema.
 */
export function producerMessage(
  node: ProducerNode,
  topicSchema?: JsonSchema,
): { message: AsyncApiMessage; problem?: string } {
  const { eventType, source, payloadTemplate } = node.config;
  const inferred = templateToSchema(payloadTemplate);
  const message: AsyncApiMessage = {
    name: eventType,
    ...base(node.label ?? eventType, fixedAttributes({ const: eventType }, source)),
  };
  if (!inferred.ok) return { message: { ...message, payload: topicSchema ?? {} }, problem: inferred.message };
  return {
    message: {
      ...message,
      payload: topicSchema ?? inferred.schema,
      examples: [{ name: "sample", payload: inferred.example }],
    },
  };
}

const str = { type: "string" };
const count = (minimum: number) => ({ type: "integer", minimum });

// The payloads below mirror what server/runtime publishes for replies and dead letters.
const PAYLOADS: Record<ConsumerOutput, (group: string) => JsonSchema> = {
  reply: (group) => ({
    type: "object",
    required: ["requestId", "status", "group"],
    properties: {
      requestId: str,
      status: { type: "string", const: "ok" },
      group: { type: "string", const: group },
    },
  }),
  transformed: () => ({ description: "Whatever the consumer's JSONata transform expression returns" }),
  "dead-lettered": (group) => ({
    type: "object",
    required: ["original", "reason", "attempts", "group", "topic", "partition", "offset"],
    properties: {
      original: { type: "object", description: "The CloudEvent that used up its delivery attempts" },
      reason: str,
      attempts: count(1),
      group: { type: "string", const: group },
      topic: str,
      partition: count(0),
      offset: count(0),
    },
  }),
};

const TITLES: Record<ConsumerOutput, string> = {
  reply: "Reply from",
  transformed: "Transformed by",
  "dead-lettered": "Dead letter from",
};

/** An event a consumer publishes: a reply, a transform's output or a dead letter. */
export function consumerMessage(node: ConsumerNode, output: ConsumerOutput): AsyncApiMessage {
  const group = node.config.group;
  // The runtime types these events after the event that caused them: `<cause type>.reply` …
  const headers = fixedAttributes({ pattern: `\\.${output}$` }, `/eventloom/consumers/${group}`);
  return { ...base(`${TITLES[output]} ${node.label ?? group}`, headers), payload: PAYLOADS[output](group) };
}
