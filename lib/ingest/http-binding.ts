import {
  isJsonMediaType,
  isTextMediaType,
  mediaTypeOf,
  readEvent,
  type AttributeContext,
  type AttributeIssue,
  type IncomingEvent,
} from "./attributes";

/** The ways events arrive over HTTP: the three CloudEvents HTTP binding modes, or plain JSON. */
export type IngestMode = "structured" | "binary" | "batch" | "plain";

export const STRUCTURED_TYPE = "application/cloudevents+json";
export const BATCH_TYPE = "application/cloudevents-batch+json";

/** One HTTP request as the binding reads it; header names lowercase. */
export interface IngestRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: string;
  /** The topic the request is for (names the source of plain JSON events). */
  topic: string;
  nowMs: number;
  /** A fresh event id for plain JSON, which carries none. */
  newId: () => string;
  maxPayloadBytes: number;
  maxBatch: number;
}

export type IngestParse =
  | { ok: true; mode: IngestMode; events: IncomingEvent[] }
  | {
      ok: false;
      status: 400 | 413 | 415;
      error: string;
      issues?: AttributeIssue[];
      /** For a batch: the index of each refused item. */
      items?: number[];
    };

const header = (request: IngestRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
};

/**
 * Reads the events of one ingest request per the CloudEvents HTTP protocol binding: structured
 * (`application/cloudevents+json`), batched (`application/cloudevents-batch+json`), binary
 * (`ce-*` headers with the data as body) or plain JSON without CloudEvents attributes, which is
 * wrapped in an envelope whose source names the ingest. Nothing is published unless everything
 * in the request is valid: a bad batch item refuses the whole batch.
 */
export function parseIngestRequest(request: IngestRequest): IngestParse {
  const contentType = header(request, "content-type");
  const media = mediaTypeOf(contentType);
  const traceparent = header(request, "traceparent");
  const base: AttributeContext = { nowMs: request.nowMs, requestTraceparent: traceparent, at: "" };
  if (media === STRUCTURED_TYPE) {
    const body = parseJson(request.body);
    if (!body.ok) return body;
    if (!isRecord(body.value))
      return bad("A structured CloudEvent must be a JSON object", [
        { path: "(body)", message: "must be a JSON object" },
      ]);
    return single("structured", body.value, base, request);
  }
  if (media === BATCH_TYPE) return batch(request, base);
  if (header(request, "ce-specversion") !== undefined) {
    if (!isJsonMediaType(media) && !isTextMediaType(media))
      return unsupported(contentType, "binary-mode data must be JSON or text");
    return binary(request, media, contentType!, base);
  }
  if (!isJsonMediaType(media)) return unsupported(contentType, "");
  const body = parseJson(request.body);
  if (!body.ok) return body;
  return single(
    "plain",
    {
      specversion: "1.0",
      id: request.newId(),
      source: `/eventloom/ingest/${request.topic}`,
      type: "eventloom.ingest.json",
      data: body.value,
    },
    base,
    request,
  );
}

function batch(request: IngestRequest, base: AttributeContext): IngestParse {
  const body = parseJson(request.body);
  if (!body.ok) return body;
  if (!Array.isArray(body.value))
    return bad("A CloudEvents batch must be a JSON array of events", [
      { path: "(body)", message: "must be a JSON array" },
    ]);
  if (body.value.length > request.maxBatch)
    return {
      ok: false,
      status: 413,
      error: `The batch has ${body.value.length} events; at most ${request.maxBatch} are taken per request`,
    };
  const issues: AttributeIssue[] = [];
  const items: number[] = [];
  const events: IncomingEvent[] = [];
  const oversized: number[] = [];
  body.value.forEach((item: unknown, i) => {
    const at = `[${i}].`;
    const before = issues.length;
    if (!isRecord(item)) issues.push({ path: `[${i}]`, message: "must be a JSON object" });
    else {
      const read = readEvent(
        item,
        { nowMs: base.nowMs, requestTraceparent: base.requestTraceparent, at },
        issues,
      );
      if (read && tooLarge(read, request.maxPayloadBytes, request.body)) oversized.push(i);
      else if (read) events.push(read);
    }
    if (issues.length > before) items.push(i);
  });
  if (items.length > 0)
    return {
      ok: false,
      status: 400,
      error: `${items.length} of ${body.value.length} events in the batch are not valid CloudEvents; none was published`,
      issues,
      items,
    };
  if (oversized.length > 0)
    return {
      ok: false,
      status: 413,
      error: `The data of ${oversized.length} event(s) is over ${request.maxPayloadBytes} bytes; none was published`,
      items: oversized,
    };
  return { ok: true, mode: "batch", events };
}

function binary(
  request: IngestRequest,
  media: string,
  contentType: string,
  base: AttributeContext,
): IngestParse {
  const attributes: Record<string, unknown> = {};
  const issues: AttributeIssue[] = [];
  for (const [name, value] of Object.entries(request.headers)) {
    if (!name.startsWith("ce-") || value === undefined) continue;
    const attribute = name.slice(3);
    const raw = Array.isArray(value) ? value.join(",") : value;
    try {
      // The binding percent-encodes characters a header cannot carry.
      attributes[attribute] = decodeURIComponent(raw);
    } catch {
      issues.push({ path: `ce-${attribute}`, message: "is not valid percent-encoded text" });
    }
  }
  if (attributes.datacontenttype !== undefined)
    issues.push({ path: "ce-datacontenttype", message: "is carried by Content-Type in binary mode" });
  attributes.datacontenttype = contentType;
  if (isJsonMediaType(media)) {
    if (request.body.trim() !== "") {
      const body = parseJson(request.body);
      if (!body.ok) return body;
      attributes.data = body.value;
    }
  } else attributes.data = request.body;
  if (issues.length > 0) return bad(summary(issues), issues);
  return single("binary", attributes, base, request, "ce-");
}

function single(
  mode: IngestMode,
  attributes: Record<string, unknown>,
  context: AttributeContext,
  request: IngestRequest,
  headerPrefix = "",
): IngestParse {
  const issues: AttributeIssue[] = [];
  const read = readEvent(attributes, context, issues);
  if (!read) {
    const named = issues.map((i) => ({ ...i, path: headerPrefix + i.path }));
    return bad(summary(named), named);
  }
  if (tooLarge(read, request.maxPayloadBytes, request.body))
    return {
      ok: false,
      status: 413,
      error: `The event's data is over ${request.maxPayloadBytes} bytes`,
    };
  return { ok: true, mode, events: [read] };
}

function tooLarge(read: IncomingEvent, max: number, body: string): boolean {
  // No event's data is longer than the whole body: a body within a third of the cap (UTF-16
  // units; at most 3 UTF-8 bytes each) cannot hold data over it, so nothing is serialized again.
  if (body.length <= max / 3) return false;
  const data = read.event.data;
  if (data === null || data === undefined) return false;
  const text = typeof data === "string" ? data : JSON.stringify(data);
  // Cheap check first: a UTF-16 length within a third of the cap cannot exceed it in UTF-8.
  return text.length > max / 3 && new TextEncoder().encode(text).byteLength > max;
}

const summary = (issues: AttributeIssue[]) =>
  `The event is not a valid CloudEvent: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`;

const bad = (error: string, issues: AttributeIssue[]): IngestParse => ({
  ok: false,
  status: 400,
  error,
  issues,
});

function unsupported(contentType: string | undefined, why: string): IngestParse {
  return {
    ok: false,
    status: 415,
    error: `${contentType ? `Content-Type '${contentType}' is not accepted` : "The request has no Content-Type"}${why ? ` (${why})` : ""}: send ${STRUCTURED_TYPE}, ${BATCH_TYPE}, a binary-mode event (ce-* headers) or application/json`,
  };
}

/** Deepest JSON nesting taken: deeper values could overflow the stack of whoever walks them. */
export const MAX_JSON_DEPTH = 64;

/** The nesting depth of JSON text (brackets outside strings), stopping once past `max`. */
export function jsonDepthOver(text: string, max: number): boolean {
  // No deeper than its count of opening brackets (strings included): most texts are decided here.
  if (countOf(text, "{", max) + countOf(text, "[", max) <= max) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      if (++depth > max) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/** How many times `char` occurs in `text`, counting no further than past `limit`. */
function countOf(text: string, char: string, limit: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i >= 0 && count <= limit; i = text.indexOf(char, i + 1)) count++;
  return count;
}

function parseJson(text: string): { ok: true; value: unknown } | (IngestParse & { ok: false }) {
  if (jsonDepthOver(text, MAX_JSON_DEPTH))
    return {
      ok: false,
      status: 400,
      error: `The request body nests deeper than ${MAX_JSON_DEPTH} levels`,
      issues: [{ path: "(body)", message: `nests deeper than ${MAX_JSON_DEPTH} levels` }],
    };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      status: 400,
      error: `The request body is not valid JSON: ${(error as Error).message}`,
      issues: [{ path: "(body)", message: "is not valid JSON" }],
    };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
