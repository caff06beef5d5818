import * as z from "../zod";

/** A CloudEvents extension attribute's value as the JSON format carries it. */
export type ExtensionValue = string | number | boolean;

/** CloudEvents extension attribute names: lowercase letters and digits (the spec asks for ≤ 20). */
export const EXTENSION_NAME = /^[a-z0-9]{1,20}$/;

const CORE_ATTRIBUTES = new Set([
  "specversion",
  "id",
  "source",
  "type",
  "time",
  "datacontenttype",
  "dataschema",
  "data",
  "subject",
  "correlationid",
  "causationid",
  "hopcount",
  "traceparent",
  "tracestate",
]);

/**
 * An event as Eventloom carries it: a CloudEvents 1.0 envelope (JSON format) with three
 * extension attributes of its own: `correlationid` (shared by every event of one conversation),
 * `causationid` (the id of the event that caused this one) and `hopcount` (how many
 * consumer steps led here; the runtime cuts loops with it). Events that come in over HTTP may
 * carry W3C trace context (`traceparent`, `tracestate`), a `partitionkey` and other extensions.
 */
const ZEnvelopeShape = z.catchall(
  z.object({
    specversion: z.literal("1.0"),
    id: z.string().check(z.minLength(1)),
    source: z.string().check(z.minLength(1)),
    type: z.string().check(z.minLength(1)),
    time: z.string(),
    datacontenttype: z.string().check(z.minLength(1)),
    dataschema: z.optional(z.string()),
    data: z.unknown(),
    subject: z.optional(z.string()),
    correlationid: z.string().check(z.minLength(1)),
    causationid: z.optional(z.string()),
    hopcount: z.number().check(z.int(), z.gte(0)),
    traceparent: z.optional(z.string()),
    tracestate: z.optional(z.string()),
  }),
  z.unknown(),
);
export const ZEventEnvelope = ZEnvelopeShape.check(
  z.superRefine((event: z.infer<typeof ZEnvelopeShape>, ctx) => {
    for (const [name, value] of Object.entries(event)) {
      if (CORE_ATTRIBUTES.has(name)) continue;
      if (!EXTENSION_NAME.test(name))
        ctx.addIssue({ code: "custom", path: [name], message: "extension names are lowercase a-z and 0-9" });
      else if (!["string", "number", "boolean"].includes(typeof value))
        ctx.addIssue({ code: "custom", path: [name], message: "must be a string, a number or a boolean" });
    }
  }),
);
export type EventEnvelope = Readonly<z.infer<typeof ZEventEnvelope>>;

export interface NewEvent {
  id: string;
  source: string;
  type: string;
  timeMs: number;
  data: unknown;
  subject?: string;
  /**
   * The event this one answers or was derived from; its correlation id and trace context
   * (`traceparent`, `tracestate`) are inherited.
   */
  cause?: EventEnvelope;
}

/** Freezes a JSON value and everything in it, so an event can never change after publish. */
export function freezeDeep<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value as object)) freezeDeep((value as Record<string, unknown>)[key]);
  }
  return value;
}

let lastMs = NaN;
let lastIso = "";
let lastSecond = NaN;
let secondPrefix = "";

/**
 * `new Date(ms).toISOString()`, made cheaply: events come many per millisecond and many per
 * second, so the last answer is kept and, within its second, only the milliseconds are written
 * (toISOString costs ~450 ns).
 */
export function isoTime(ms: number): string {
  if (ms === lastMs) return lastIso;
  const second = Math.floor(ms / 1000);
  let iso: string;
  if (second === lastSecond && Number.isInteger(ms)) {
    const milli = ms - second * 1000;
    iso = secondPrefix + (milli < 10 ? "00" : milli < 100 ? "0" : "") + milli + "Z";
  } else {
    iso = new Date(ms).toISOString(); // throws for times a Date cannot hold, as it always did
    // "YYYY-MM-DDTHH:mm:ss.sssZ": its first 20 characters hold for the whole second.
    const whole = Number.isInteger(ms) && iso.length === 24;
    lastSecond = whole ? second : NaN;
    if (whole) secondPrefix = iso.slice(0, 20);
  }
  lastMs = ms;
  return (lastIso = iso);
}
/** Builds a frozen CloudEvent; a caused event inherits correlation and counts one more hop. */
export function createEvent(input: NewEvent): EventEnvelope {
  const envelope: z.infer<typeof ZEventEnvelope> = {
    specversion: "1.0",
    id: input.id,
    source: input.source,
    type: input.type,
    time: isoTime(input.timeMs),
    datacontenttype: "application/json",
    data: freezeDeep(input.data),
    correlationid: input.cause ? input.cause.correlationid : input.id,
    hopcount: input.cause ? input.cause.hopcount + 1 : 0,
  };
  if (input.subject !== undefined) envelope.subject = input.subject;
  const cause = input.cause;
  if (cause) {
    envelope.causationid = cause.id;
    if (cause.traceparent !== undefined) envelope.traceparent = cause.traceparent;
    if (cause.tracestate !== undefined) envelope.tracestate = cause.tracestate;
  }
  return Object.freeze(envelope);
}
