import * as z from "../zod";

/** Path of a topic's ingest endpoint; the ingest key names the flow, so no flow id is in it. */
export const INGEST_PATH_PREFIX = "/ingest/topics/";

/** Every ingest key starts with this, so a flow link pasted by mistake is recognised at once. */
export const INGEST_KEY_PREFIX = "elk_";

/** Most ingest keys one flow may hold. */
export const MAX_INGEST_KEYS_PER_FLOW = 20;

/** The URL at which a topic takes events over HTTP, on the app at `origin`. */
export function ingestUrl(origin: string, topic: string): string {
  return `${origin.replace(/\/+$/, "")}${INGEST_PATH_PREFIX}${encodeURIComponent(topic)}`;
}

/** POST /api/flows/:id/ingest-keys */
export const ZCreateIngestKeyBody = z.strictObject({
  name: z
    .string()
    .check(z.trim(), z.minLength(1, "must not be empty"), z.maxLength(60, "must be at most 60 characters")),
});

/** An ingest key as listed: never the key itself. */
export interface IngestKeySummary {
  id: string;
  name: string;
  /** The key's first characters, to tell keys apart. */
  hint: string;
  createdAt: string;
  rotatedAt: string | null;
  lastUsedAt: string | null;
}

/** The answer to creating or rotating a key: the only time the key itself is shown. */
export interface IssuedIngestKey extends IngestKeySummary {
  key: string;
}

/** One event an ingest request published. */
export interface AcceptedEvent {
  id: string;
  partition: number;
  /** Null when the topic lives on a remote broker, which assigns offsets after it has written. */
  offset: number | null;
  /** The event broke the topic's schema and went to this dead-letter topic (partition and offset there). */
  deadLetteredTo?: string;
}

/** 202 answer of POST /ingest/topics/:topic. */
export interface IngestAnswer {
  topic: string;
  accepted: AcceptedEvent[];
}
