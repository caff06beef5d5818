import type { EventEnvelope } from "../events/envelope";

/** A CloudEvent as one HTTP request in the binding's binary mode. */
export interface BinaryModeMessage {
  headers: Record<string, string>;
  body: string;
}

/** Characters a header value cannot carry as they are, percent-encoded as the binding says. */
const UNSAFE = /[^\x21\x23\x24\x26-\x7e]/gu;
const encodeValue = (value: string) =>
  value.replace(UNSAFE, (c) =>
    [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );

/**
 * Writes an event in the CloudEvents HTTP binding's binary mode: every attribute but `data` as a
 * `ce-` header (percent-encoding what a header cannot carry), `datacontenttype` as Content-Type,
 * and the data as the body (JSON text, or the text itself for text data).
 */
export function toBinaryMode(event: EventEnvelope): BinaryModeMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event)) {
    if (name === "data" || name === "datacontenttype" || value === undefined || value === null) continue;
    headers[`ce-${name}`] = encodeValue(String(value));
  }
  headers["content-type"] = event.datacontenttype;
  const data = event.data;
  const body =
    typeof data === "string" && !/json/.test(event.datacontenttype)
      ? data
      : data === undefined || data === null
        ? ""
        : JSON.stringify(data);
  return { headers, body };
}
