import * as z from "../zod";
import { plainText } from "../text/plain-text";
import { ZProduceInput } from "../api/produce";
import { MAX_DOC_MESSAGE_BYTES, MAX_PRESENCE_BYTES } from "./protocol";

/**
 * What the server accepts from a browser on the realtime channel (protocol.ts): it zod-parses
 * every inbound payload with these before acting on it. Apart from protocol.ts, whose types and
 * constants the browser's pages import, so that they do not carry zod for the server's checks.
 */
const ZFlowId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a flow id"));
const ZNodeId = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, "must be a node id"));

/**
 * `flowId` in every request is the reference the client has: the flow's id (edit and run) or a
 * read-only view token (watch only). Payloads sent back name the flow by that same reference.
 */
export const ZWatchRequest = z.strictObject({
  flowId: ZFlowId,
  /** Newest delivery records to send back (≤ 2,000: ~550 KB, so one request cannot ask for megabytes). */
  recent: z._default(z.number().check(z.int(), z.gte(0), z.lte(2000)), 500),
});
export const ZUnwatchRequest = z.strictObject({ flowId: ZFlowId });
const ZPartitionOffset = z.strictObject({
  topic: plainText(z.string().check(z.minLength(1), z.maxLength(200))),
  partition: z.number().check(z.int(), z.gte(0), z.lte(63)),
  offset: z
    .string()
    .check(
      z.regex(/^\d{1,20}(-\d{1,20})?$/, "must be a log offset, an entry id <ms>-<seq> or a stream sequence"),
    ),
});
export const ZControlRequest = z.discriminatedUnion("action", [
  z.strictObject({
    flowId: ZFlowId,
    action: z.literal("fire"),
    nodeId: ZNodeId,
    count: z._default(z.number().check(z.int(), z.gte(1), z.lte(10_000)), 1),
  }),
  z.strictObject({
    flowId: ZFlowId,
    action: z.enum(["pause", "resume", "online", "offline"]),
    nodeId: ZNodeId,
  }),
  z.strictObject({
    flowId: ZFlowId,
    action: z.literal("replay"),
    nodeId: ZNodeId,
    from: z.union([
      z.enum(["earliest", "latest"]),
      z.strictObject({ timestampMs: z.number().check(z.int(), z.gte(0)) }),
      /**
       * Per partition, the broker offset of the group's next delivery there (inclusive): the log
       * offset embedded, the entry id `<ms>-<seq>` on Redis, the stream sequence on NATS.
       */
      z.strictObject({ offsets: z.array(ZPartitionOffset).check(z.minLength(1), z.maxLength(256)) }),
    ]),
  }),
]);
export const ZEventRequest = z.strictObject({
  flowId: ZFlowId,
  eventId: plainText(z.string().check(z.minLength(1), z.maxLength(200))),
});

/** One event made by hand into a topic of the watched flow (edit access only). */
export const ZProduceRequest = z.extend(ZProduceInput, { flowId: ZFlowId });

const bytesUpTo = (max: number) =>
  z.custom<Uint8Array>(
    (value) => value instanceof Uint8Array && value.byteLength > 0 && value.byteLength <= max,
    `must be binary data of 1 to ${max} bytes`,
  );

/**
 * Co-editing: the flow's shared document travels as Yjs sync-protocol messages (y-protocols
 * sync: step 1, step 2, update) and presence as Yjs awareness updates, each for one reference.
 */
export const ZDocJoin = z.strictObject({ flowId: ZFlowId });
/**
 * Which incarnation of the flow's document a sync message belongs to. The server starts a new one
 * when it opens the document and when it compacts it (a fresh document with the same content and
 * no edit history); a client's copy of an older one is replaced (see `DocReset`).
 */
export const ZDocEpoch = z.number().check(z.int(), z.gte(0), z.lte(2 ** 32));
export const ZDocSync = z.strictObject({
  flowId: ZFlowId,
  epoch: ZDocEpoch,
  message: bytesUpTo(MAX_DOC_MESSAGE_BYTES),
});
export const ZDocPresence = z.strictObject({ flowId: ZFlowId, update: bytesUpTo(MAX_PRESENCE_BYTES) });
