import { freezeDeep, type EventEnvelope } from "@/lib/events";

/**
 * CloudEvents 1.0 in a broker's binary-style binding: every context attribute by name (Redis
 * stream fields, NATS `ce-` headers), the data as JSON text. Eventloom's own extensions
 * (`correlationid`, `causationid`, `hopcount`) travel the same way; `eventloomrun` marks events
 * a run published, so anything else shows as coming from outside.
 */
export const RUN_MARK = "eventloomrun";

/** The attributes of `event` as text, `data` excluded. */
export function attributesOf(event: EventEnvelope, runMark: string): Record<string, string> {
  const out: Record<string, string> = {
    specversion: event.specversion,
    id: event.id,
    source: event.source,
    type: event.type,
    time: event.time,
    datacontenttype: event.datacontenttype,
    correlationid: event.correlationid,
    hopcount: String(event.hopcount),
    [RUN_MARK]: runMark,
  };
  if (event.subject !== undefined) out.subject = event.subject;
  if (event.causationid !== undefined) out.causationid = event.causationid;
  return out;
}

export type DecodedEvent =
  { ok: true; event: EventEnvelope; external: boolean } | { ok: false; reason: string };

const MAX_ATTRIBUTE = 1024;

/**
 * Reads an event from attributes and data text (from Eventloom or from any outside client).
 * Required: specversion 1.0, id, source, type; data, when present, must be JSON. Missing
 * time falls back to the broker's append time; missing correlationid to the id.
 */
export function decodeEvent(
  attribute: (name: string) => string | undefined,
  dataText: string | undefined,
  brokerTimeMs: number,
  maxPayloadBytes: number,
): DecodedEvent {
  const specversion = attribute("specversion");
  if (specversion === undefined) return { ok: false, reason: "not a CloudEvent: no specversion" };
  if (specversion !== "1.0") return { ok: false, reason: `unsupported specversion '${clip(specversion)}'` };
  for (const name of ["id", "source", "type"]) {
    const value = attribute(name);
    if (value === undefined || value === "") return { ok: false, reason: `not a CloudEvent: no ${name}` };
    if (value.length > MAX_ATTRIBUTE) return { ok: false, reason: `${name} is longer than ${MAX_ATTRIBUTE}` };
  }
  const contentType = attribute("datacontenttype");
  if (contentType !== undefined && !/^application\/(.+\+)?json\b/.test(contentType))
    return { ok: false, reason: `datacontenttype '${clip(contentType)}' is not JSON` };
  let data: unknown = null;
  if (dataText !== undefined && dataText !== "") {
    if (dataText.length > maxPayloadBytes) return { ok: false, reason: "payload-too-large" };
    try {
      data = JSON.parse(dataText);
    } catch (error) {
      return { ok: false, reason: `data is not JSON (${(error as Error).message})` };
    }
  }
  const hopText = attribute("hopcount");
  const hopcount = hopText === undefined ? 0 : Number(hopText);
  if (!Number.isInteger(hopcount) || hopcount < 0)
    return { ok: false, reason: `hopcount '${clip(hopText!)}' is not a whole number` };
  const time = attribute("time");
  if (time !== undefined && Number.isNaN(Date.parse(time)))
    return { ok: false, reason: `time '${clip(time)}' is not an RFC 3339 timestamp` };
  const id = attribute("id")!;
  const event: Record<string, unknown> = {
    specversion: "1.0",
    id,
    source: attribute("source")!,
    type: attribute("type")!,
    time: time ?? new Date(brokerTimeMs).toISOString(),
    datacontenttype: "application/json",
    data: freezeDeep(data),
    correlationid: attribute("correlationid") || id,
    hopcount,
  };
  const subject = attribute("subject");
  if (subject !== undefined) event.subject = subject;
  const causationid = attribute("causationid");
  if (causationid !== undefined) event.causationid = causationid;
  return {
    ok: true,
    event: Object.freeze(event) as unknown as EventEnvelope,
    external: attribute(RUN_MARK) === undefined,
  };
}

function clip(text: string): string {
  return text.length > 60 ? text.slice(0, 60) + "…" : text;
}
