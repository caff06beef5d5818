import type { AsyncApiMessage, JsonSchema } from "./types";

/** Where every message points for its CloudEvents attributes. */
export const CLOUDEVENTS_TRAIT_REF = "#/components/messageTraits/cloudEvents";

/**
 * The CloudEvents 1.0 context attributes of an Eventloom event, as message headers (the
 * binary content mode: attributes travel as headers, `data` as the payload), with the three
 * extension attributes Eventloom adds (see lib/events/envelope.ts).
 */
export function cloudEventsTrait(): AsyncApiMessage {
  return {
    summary: "CloudEvents 1.0 context attributes with Eventloom's correlation extensions",
    contentType: "application/json",
    headers: {
      type: "object",
      required: [
        "specversion",
        "id",
        "source",
        "type",
        "time",
        "datacontenttype",
        "correlationid",
        "hopcount",
      ],
      properties: {
        specversion: { type: "string", const: "1.0" },
        id: { type: "string", minLength: 1, description: "Unique per source" },
        source: { type: "string", format: "uri-reference", minLength: 1 },
        type: { type: "string", minLength: 1 },
        time: { type: "string", format: "date-time" },
        datacontenttype: { type: "string", const: "application/json" },
        subject: { type: "string", minLength: 1 },
        correlationid: {
          type: "string",
          minLength: 1,
          description: "Shared by every event of one conversation (extension)",
        },
        causationid: {
          type: "string",
          minLength: 1,
          description: "Id of the event that caused this one (extension)",
        },
        hopcount: {
          type: "integer",
          minimum: 0,
          description: "Consumer steps that led to this event (extension)",
        },
      },
    },
  };
}

/**
 * The headers a message adds over the trait: its own CloudEvents `type` and `source` when they
 * are fixed (a merge of trait and message keeps the trait's other attributes).
 */
export function fixedAttributes(type: JsonSchema, source: string): JsonSchema {
  return {
    type: "object",
    properties: { type: { type: "string", ...type }, source: { type: "string", const: source } },
  };
}
