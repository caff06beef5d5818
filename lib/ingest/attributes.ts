import {
  EXTENSION_NAME,
  freezeDeep,
  isoTime,
  type EventEnvelope,
  type ExtensionValue,
} from "../events/envelope";

/** One thing wrong with one attribute of one event; `path` is like `type` or `[2].source`. */
export interface AttributeIssue {
  path: string;
  message: string;
}

/** Limits on what an incoming event may carry, so a hostile sender cannot make us hold much. */
export const ATTRIBUTE_LIMITS = {
  maxId: 256,
  maxSource: 1024,
  maxType: 256,
  maxSubject: 1024,
  maxExtensionText: 1024,
  maxExtensions: 32,
} as const;

/** W3C Trace Context `traceparent`, version 00: trace id and parent id not all zeros. */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;
/** RFC 3339 date-time, as CloudEvents' Timestamp type requires. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// Control characters are exactly what this pattern looks for, so it names them.
// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f]/;

/** Attributes the CloudEvents spec defines, plus the ones Eventloom reads itself. */
const KNOWN = new Set([
  "specversion",
  "id",
  "source",
  "type",
  "time",
  "datacontenttype",
  "dataschema",
  "subject",
  "data",
  "data_base64",
  "correlationid",
  "causationid",
  "hopcount",
  "traceparent",
  "tracestate",
  "partitionkey",
]);

/** True for the media types whose data Eventloom reads as JSON. */
export function isJsonMediaType(mediaType: string): boolean {
  return mediaType === "application/json" || mediaType.endsWith("+json");
}

/** True for media types Eventloom carries as text data. */
export function isTextMediaType(mediaType: string): boolean {
  return mediaType.startsWith("text/");
}

let lastContentType: string | undefined;
let lastMediaType = "";

/** The media type of a Content-Type value, lowercased, without parameters. */
export function mediaTypeOf(contentType: string | undefined | null): string {
  if (contentType === undefined || contentType === null) return "";
  // Senders repeat one Content-Type: the last answer is kept.
  if (contentType === lastContentType) return lastMediaType;
  lastContentType = contentType;
  return (lastMediaType = contentType.split(";")[0].trim().toLowerCase());
}

/** What an incoming event becomes: the envelope to publish and its partition key. */
export interface IncomingEvent {
  event: EventEnvelope;
  key?: string;
}

export interface AttributeContext {
  /** Prefix for issue paths (`[3].` inside a batch). */
  at: string;
  nowMs: number;
  /** W3C traceparent of the HTTP request, used when the event has none of its own. */
  requestTraceparent?: string;
}

/** Adds the issue `message` for attribute `name` (under the context's path prefix `at`). */
function problem(issues: AttributeIssue[], at: string, name: string, message: string): void {
  issues.push({ path: at + name, message });
}

/** A text attribute's value when it is one (within `max`), else undefined after noting why. */
function text(
  issues: AttributeIssue[],
  at: string,
  name: string,
  value: unknown,
  max: number,
  required: boolean,
  noSpaces = false,
): string | undefined {
  if (value === undefined || value === null) {
    if (required) problem(issues, at, name, "is required");
    return undefined;
  }
  if (typeof value !== "string") return void problem(issues, at, name, "must be a string");
  if (value === "") return void problem(issues, at, name, "must not be empty");
  if (value.length > max) return void problem(issues, at, name, `must be at most ${max} characters`);
  if (noSpaces && CONTROL_OR_SPACE.test(value))
    return void problem(issues, at, name, "must not contain spaces or control characters");
  return value;
}

/**
 * Checks the attributes of one event (already read as a record of attribute name → value, with
 * `data` decoded) and builds the envelope. Every problem is reported, one issue per attribute.
 * (The ingest hot path: no closures or spreads per event.)
 */
export function readEvent(
  attributes: Record<string, unknown>,
  context: AttributeContext,
  issues: AttributeIssue[],
): IncomingEvent | undefined {
  const before = issues.length;
  const at = context.at;
  const specversion = attributes.specversion;
  if (specversion === undefined) problem(issues, at, "specversion", "is required");
  else if (specversion !== "1.0")
    problem(issues, at, "specversion", `must be "1.0" (CloudEvents 1.0), not ${JSON.stringify(specversion)}`);
  const id = text(issues, at, "id", attributes.id, ATTRIBUTE_LIMITS.maxId, true);
  const source = text(issues, at, "source", attributes.source, ATTRIBUTE_LIMITS.maxSource, true, true);
  const type = text(issues, at, "type", attributes.type, ATTRIBUTE_LIMITS.maxType, true);
  const time = text(issues, at, "time", attributes.time, 64, false);
  if (time !== undefined && (!RFC3339.test(time) || Number.isNaN(Date.parse(time))))
    problem(issues, at, "time", "must be an RFC 3339 timestamp like 2026-01-31T12:00:00Z");
  const contentType = text(issues, at, "datacontenttype", attributes.datacontenttype, 256, false);
  const media = contentType === undefined ? "application/json" : mediaTypeOf(contentType);
  if (contentType !== undefined && !isJsonMediaType(media) && !isTextMediaType(media))
    problem(issues, at, "datacontenttype", `'${contentType}' is not carried: send JSON or text data`);
  const dataschema = text(issues, at, "dataschema", attributes.dataschema, 1024, false, true);
  if (dataschema !== undefined && !URL.canParse(dataschema))
    problem(issues, at, "dataschema", "must be an absolute URI");
  const subject = text(issues, at, "subject", attributes.subject, ATTRIBUTE_LIMITS.maxSubject, false);
  const correlationid = text(
    issues,
    at,
    "correlationid",
    attributes.correlationid,
    ATTRIBUTE_LIMITS.maxId,
    false,
  );
  const causationid = text(issues, at, "causationid", attributes.causationid, ATTRIBUTE_LIMITS.maxId, false);
  const traceparent =
    text(issues, at, "traceparent", attributes.traceparent, 55, false) ?? context.requestTraceparent;
  if (traceparent !== undefined && !TRACEPARENT.test(traceparent))
    problem(issues, at, "traceparent", "must be a W3C traceparent like 00-<32 hex>-<16 hex>-<2 hex>");
  const tracestate = text(issues, at, "tracestate", attributes.tracestate, 512, false);
  const partitionkey = text(
    issues,
    at,
    "partitionkey",
    attributes.partitionkey,
    ATTRIBUTE_LIMITS.maxExtensionText,
    false,
  );
  if (attributes.hopcount !== undefined)
    problem(issues, at, "hopcount", "is counted by Eventloom: leave it out");
  if (attributes.data_base64 !== undefined)
    problem(issues, at, "data_base64", "binary data is not carried: send the data as JSON or text");
  const data = attributes.data;
  if (isTextMediaType(media) && data !== undefined && data !== null && typeof data !== "string")
    problem(issues, at, "data", `must be a string for datacontenttype ${media}`);
  const extensions = readExtensions(attributes, at, issues);
  if (issues.length > before) return undefined;
  const common = {
    specversion: "1.0",
    id,
    source,
    type,
    time: time ?? isoTime(context.nowMs),
    datacontenttype: contentType ?? "application/json",
    data: data === undefined ? null : freezeDeep(data),
    correlationid: correlationid ?? id,
    hopcount: 0,
  };
  // Extensions come first in the envelope, as they always have (its JSON keeps that order).
  const event: Record<string, unknown> = extensions === undefined ? common : { ...extensions, ...common };
  if (dataschema !== undefined) event.dataschema = dataschema;
  if (subject !== undefined) event.subject = subject;
  if (causationid !== undefined) event.causationid = causationid;
  if (traceparent !== undefined) event.traceparent = traceparent;
  if (tracestate !== undefined) event.tracestate = tracestate;
  if (partitionkey !== undefined) event.partitionkey = partitionkey;
  return partitionkey === undefined
    ? { event: Object.freeze(event) as EventEnvelope }
    : { event: Object.freeze(event) as EventEnvelope, key: partitionkey };
}

/** The event's extension attributes (undefined when it has none), noting each bad one. */
function readExtensions(
  attributes: Record<string, unknown>,
  at: string,
  issues: AttributeIssue[],
): Record<string, ExtensionValue> | undefined {
  let extensions: Record<string, ExtensionValue> | undefined;
  let extensionCount = 0;
  for (const name of Object.keys(attributes)) {
    if (KNOWN.has(name)) continue;
    if (++extensionCount > ATTRIBUTE_LIMITS.maxExtensions) {
      problem(issues, at, name, `at most ${ATTRIBUTE_LIMITS.maxExtensions} extension attributes`);
      break;
    }
    const value = attributes[name];
    if (!EXTENSION_NAME.test(name))
      problem(issues, at, name, "is not a CloudEvents attribute name (lowercase a-z and 0-9, at most 20)");
    else if (typeof value === "string" && value.length <= ATTRIBUTE_LIMITS.maxExtensionText)
      (extensions ??= {})[name] = value;
    else if (typeof value === "boolean") (extensions ??= {})[name] = value;
    else if (typeof value === "number" && Number.isInteger(value) && Math.abs(value) <= 2 ** 31)
      (extensions ??= {})[name] = value;
    else
      problem(
        issues,
        at,
        name,
        `must be a string (≤ ${ATTRIBUTE_LIMITS.maxExtensionText} characters), a boolean or a 32-bit integer`,
      );
  }
  return extensions;
}
