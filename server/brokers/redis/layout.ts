import type { EventEnvelope } from "@/lib/events";
import { attributesOf, decodeEvent, type DecodedEvent } from "../cloudevents";

/**
 * How Eventloom lays events out on Redis Streams. One stream per topic partition, keyed
 * `<prefix><flow>:<topic>:<partition>` (the prefix defaults to `eventloom:`); each entry's
 * fields are the CloudEvents attributes by name plus `data` (JSON text). The entry id is the
 * broker's own: its milliseconds are the append time.
 */
export function streamKey(prefix: string, flowKey: string, topic: string, partition: number): string {
  return `${prefix}${flowKey}:${topic}:${partition}`;
}

/** The fields of one stream entry for `event`. */
export function entryFields(event: EventEnvelope, runMark: string): Record<string, string> {
  const fields = attributesOf(event, runMark);
  fields.data = JSON.stringify(event.data);
  return fields;
}

/** Milliseconds of a stream entry id (`<ms>-<seq>`). */
export function entryTimeMs(id: string): number {
  const dash = id.indexOf("-");
  return Number(dash === -1 ? id : id.slice(0, dash));
}

/** Reads an entry's fields as an event (see decodeEvent for what is required). */
export function decodeEntry(
  id: string,
  fields: Record<string, string>,
  maxPayloadBytes: number,
): DecodedEvent {
  return decodeEvent((name) => fields[name], fields.data, entryTimeMs(id), maxPayloadBytes);
}

/** An entry as one line of text, for the record of a rejected one. */
export function entryText(id: string, fields: Record<string, string>): string {
  return `${id} ${JSON.stringify(fields)}`;
}
