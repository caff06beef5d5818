import type { ProduceInput } from "../api/produce";
import type { EventEnvelope } from "./envelope";

/** The produce form's fields as text, the way a person edits them. */
export interface ProduceDraft {
  type: string;
  source: string;
  subject: string;
  partitionKey: string;
  /** One `name=value` per line. */
  extensions: string;
  /** The event's data as JSON text. */
  data: string;
}

/** Attributes the form has fields for, or that the server sets: not listed as extensions. */
const OWN = new Set([
  "specversion",
  "id",
  "source",
  "type",
  "time",
  "datacontenttype",
  "dataschema",
  "subject",
  "data",
  "correlationid",
  "causationid",
  "hopcount",
  "traceparent",
  "tracestate",
  "partitionkey",
]);

/** A fresh form for a topic, its data prefilled (from the topic's schema or a producer's template). */
export function blankDraft(data: unknown): ProduceDraft {
  return {
    type: "",
    source: "",
    subject: "",
    partitionKey: "",
    extensions: "",
    data: JSON.stringify(data ?? {}, null, 2),
  };
}

/** The form filled from an event to re-produce: its attributes, extensions and data. */
export function draftFromEvent(event: EventEnvelope): ProduceDraft {
  const extensions = Object.entries(event)
    .filter(([name]) => !OWN.has(name))
    .map(([name, value]) => `${name}=${String(value)}`)
    .join("\n");
  return {
    type: event.type,
    source: event.source,
    subject: event.subject ?? "",
    partitionKey: typeof event.partitionkey === "string" ? event.partitionkey : "",
    extensions,
    data: JSON.stringify(event.data ?? null, null, 2),
  };
}

export type DraftRead =
  { ok: true; input: ProduceInput } | { ok: false; field: keyof ProduceDraft; message: string };

/**
 * Reads the form into a produce request, or names the field to fix. Extension values that
 * look like integers or booleans are sent as such (CloudEvents extension types).
 */
export function readDraft(draft: ProduceDraft, topicId: string, reproduceOf?: string): DraftRead {
  let data: unknown;
  try {
    data = JSON.parse(draft.data);
  } catch (error) {
    return { ok: false, field: "data", message: `The data is not valid JSON: ${(error as Error).message}` };
  }
  const extensions: Record<string, string | number | boolean> = {};
  for (const [i, line] of draft.extensions.split("\n").entries()) {
    if (line.trim() === "") continue;
    const at = line.indexOf("=");
    if (at <= 0)
      return { ok: false, field: "extensions", message: `Line ${i + 1}: write name=value (e.g. region=eu)` };
    const name = line.slice(0, at).trim();
    const text = line.slice(at + 1).trim();
    extensions[name] =
      text === "true" ? true : text === "false" ? false : /^-?\d{1,10}$/.test(text) ? Number(text) : text;
  }
  const input: ProduceInput = { topicId, data };
  const put = <K extends "type" | "source" | "subject" | "partitionKey">(key: K) => {
    const value = draft[key].trim();
    if (value !== "") input[key] = value;
  };
  put("type");
  put("source");
  put("subject");
  put("partitionKey");
  if (Object.keys(extensions).length > 0) input.extensions = extensions;
  if (reproduceOf) input.reproduceOf = reproduceOf;
  return { ok: true, input };
}
