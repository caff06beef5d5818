import { reportUnmappedFields, note, type ImportContext } from "./import-context";
import { toEventType } from "./names";
import { applyTraits, derefWithPath, inlineRefs, isObject, type Json } from "./refs";
import { schemaToTemplate } from "./schema-template";

/** A message as a producer needs it: which event, from where, with which payload template. */
export interface ImportedMessage {
  key: string;
  eventType: string;
  source?: string;
  payloadTemplate: string;
}

// AsyncAPI's own schema format (the default) and JSON Schema; anything else (Avro, RAML,
// Protobuf) has no template Eventloom can derive.
const JSON_SCHEMA_FORMAT = /^application\/(vnd\.aai\.asyncapi(\+json|\+yaml)?|schema(\+json|\+yaml)?)(;.*)?$/;
const CLOUDEVENTS_ATTRIBUTES = new Set([
  "specversion",
  "id",
  "source",
  "type",
  "time",
  "datacontenttype",
  "dataschema",
  "subject",
  "correlationid",
  "causationid",
  "hopcount",
]);

const constOf = (headers: unknown, field: string): unknown => {
  const properties = isObject(headers) && isObject(headers.properties) ? headers.properties : {};
  const schema = properties[field];
  return isObject(schema) ? schema.const : undefined;
};

function payloadSchema(ctx: ImportContext, path: string, payload: unknown): unknown {
  if (!isObject(payload) || !("schemaFormat" in payload)) return payload;
  const format = String(payload.schemaFormat);
  if (JSON_SCHEMA_FORMAT.test(format)) return payload.schema;
  note(
    ctx,
    `${path}.payload`,
    `payload schema format '${format}' is not JSON Schema: the producer sends an empty object`,
  );
  return {};
}

/**
 * Reads a message (following $refs and applying traits): CloudEvents `type` and `source` from
 * fixed header values when given, else the message name; a payload template from the schema.
 */
export function readMessage(
  ctx: ImportContext,
  refPath: string,
  key: string,
  raw: unknown,
): ImportedMessage | undefined {
  const { value: found, path } = derefWithPath(ctx.doc, raw, refPath);
  if (!isObject(found)) {
    note(ctx, path, "the message $ref does not resolve inside the document");
    return undefined;
  }
  const message: Json = applyTraits(ctx.doc, found);
  reportUnmappedFields(ctx, path, message, [
    "name",
    "title",
    "contentType",
    "headers",
    "payload",
    "schemaFormat",
  ]);
  const headers = inlineRefs(ctx.doc, message.headers);
  if (isObject(headers) && isObject(headers.properties)) {
    const foreign = Object.keys(headers.properties).filter((h) => !CLOUDEVENTS_ATTRIBUTES.has(h));
    if (foreign.length)
      note(
        ctx,
        `${path}.headers`,
        `headers ${foreign.map((h) => `'${h}'`).join(", ")} are not CloudEvents attributes: Eventloom events do not carry them`,
      );
  }
  if (typeof message.contentType === "string" && !/json/.test(message.contentType)) {
    note(
      ctx,
      `${path}.contentType`,
      `content type '${message.contentType}' is not JSON: Eventloom events carry JSON data`,
    );
  }
  const type = constOf(headers, "type") ?? message.name ?? key;
  const source = constOf(headers, "source");
  const schema = inlineRefs(ctx.doc, payloadSchema(ctx, path, message.payload) ?? {});
  let payloadTemplate = schemaToTemplate(schema);
  if (payloadTemplate === undefined) {
    note(
      ctx,
      `${path}.payload`,
      "no payload template could be written for this schema (too large): the producer sends an empty object",
    );
    payloadTemplate = "{}";
  }
  return {
    key,
    eventType: toEventType(String(type)),
    ...(typeof source === "string" && source && { source }),
    payloadTemplate,
  };
}
