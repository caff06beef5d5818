import * as z from "../zod";
import { plainText } from "../text/plain-text";

/** Extension attributes a hand-made event may carry (CloudEvents extension names and values). */
export const MAX_PRODUCE_EXTENSIONS = 32;

const ZExtensionValue = z.union([
  z.string().check(z.maxLength(1024, "must be at most 1024 characters")),
  z.boolean(),
  z.number().check(z.int(), z.gte(-(2 ** 31)), z.lte(2 ** 31)),
]);

/**
 * One event produced by hand into a topic of a running flow (the designer's and the
 * inspector's "Produce event" form), over REST (`POST /api/flows/:id/produce`) or the socket
 * (`produce`). Attributes left out are taken from the event being re-produced, else defaults.
 * The server checks them as it checks ingest (CloudEvents rules and limits) and against the
 * topic's schema.
 */
export const ZProduceInput = z.strictObject({
  topicId: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a node id")),
  /** The event's data (any JSON value). */
  data: z.unknown(),
  type: z.optional(
    plainText(z.string().check(z.trim(), z.minLength(1, "must not be empty"), z.maxLength(256))),
  ),
  source: z.optional(
    plainText(z.string().check(z.trim(), z.minLength(1, "must not be empty"), z.maxLength(1024))),
  ),
  subject: z.optional(plainText(z.string().check(z.maxLength(1024)))),
  /** Events with the same key land in the same partition, in order; empty or absent: round-robin. */
  partitionKey: z.optional(plainText(z.string().check(z.maxLength(1024)))),
  extensions: z.optional(
    z.record(z.string(), ZExtensionValue).check(
      z.refine((e: Record<string, unknown>) => Object.keys(e).length <= MAX_PRODUCE_EXTENSIONS, {
        message: `at most ${MAX_PRODUCE_EXTENSIONS} extension attributes`,
      }),
    ),
  ),
  /** Re-produce: the id of the event sent again. The new event gets its own id, `causationid` this one. */
  reproduceOf: z.optional(plainText(z.string().check(z.minLength(1), z.maxLength(200)))),
});
export type ProduceInput = z.infer<typeof ZProduceInput>;

/** Where a produced event landed. */
export interface ProducedEvent {
  id: string;
  topic: string;
  partition: number;
  /** Null when a remote broker reports the offset later. */
  offset: number | null;
  /** The event broke the topic's schema and went, as a letter, to the topic's dead-letter topic (`topic`). */
  deadLettered?: boolean;
}
