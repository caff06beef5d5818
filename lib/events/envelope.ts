import { z } from "zod";

/**
 * An event as Eventloom carries it: a CloudEvents 1.0 envelope (JSON format) with three
 * extension attributes: `correlationid` (shared by every event of one conversation),
 * `causationid` (the id of the event that caused this one) and `hopcount` (how many
 * consumer steps led here; the runtime cuts loops with it).
 */
export const ZEventEnvelope = z.strictObject({
  specversion: z.literal("1.0"),
  id: z.string().min(1),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string(),
  datacontenttype: z.literal("application/json"),
  data: z.unknown(),
  subject: z.string().optional(),
  correlationid: z.string().min(1),
  causationid: z.string().optional(),
  hopcount: z.number().int().min(0),
});
export type EventEnvelope = Readonly<z.infer<typeof ZEventEnvelope>>;

export interface NewEvent {
  id: string;
  source: string;
  type: string;
  timeMs: number;
  data: unknown;
  subject?: string;
  /** The event this one answers or was derived from; its correlation id is inherited. */
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

let lastTimeMs = NaN,
  lastTime = ""; // runtime publishes many events per ms: toISOString costs ~450 ns
/** Builds a frozen CloudEvent; a caused event inherits correlation and counts one more hop. */
export function createEvent(input: NewEvent): EventEnvelope {
  const envelope: z.infer<typeof ZEventEnvelope> = {
    specversion: "1.0",
    id: input.id,
    source: input.source,
    type: input.type,
    time:
      input.timeMs === lastTimeMs
        ? lastTime
        : (lastTime = new Date((lastTimeMs = input.timeMs)).toISOString()),
    datacontenttype: "application/json",
    data: freezeDeep(input.data),
    correlationid: input.cause ? input.cause.correlationid : input.id,
    hopcount: input.cause ? input.cause.hopcount + 1 : 0,
  };
  if (input.subject !== undefined) envelope.subject = input.subject;
  if (input.cause) envelope.causationid = input.cause.id;
  return Object.freeze(envelope);
}
