import type { EventEnvelope } from "@/lib/events";
import { compileFilter, type DeliveryFilter } from "@/lib/events/delivery-filter";
import type { EventTrace } from "@/lib/realtime/protocol";
import type { FlowRun } from "../runtime";

/**
 * The causal trace of one event: every event of its conversation that is still held (same
 * correlation id: the cause, retries, dead-letters, emitted events and replies) and every
 * delivery step of them, oldest first, within the bounds below (the rest is counted as
 * `omitted`). Null when the event is no longer held.
 */
export function eventTrace(run: FlowRun, eventId: string): EventTrace | null {
  const event = run.getEvent(eventId);
  const correlationId = event?.correlationid ?? run.history.query({ eventId, limit: 1 })[0]?.correlationId;
  if (!correlationId) return null;
  const records = run.history.query({ correlationId, limit: TRACE_MAX_RECORDS });
  const ids = new Set([eventId, ...records.map((r) => r.eventId)]);
  const events: EventEnvelope[] = [];
  let bytes = 0;
  let omitted = 0;
  for (const id of ids) {
    const found = run.getEvent(id);
    if (found === undefined) continue;
    // The event asked about always comes; the rest while the payloads stay under the budget.
    const size = JSON.stringify(found.data)?.length ?? 0;
    if (events.length > 0 && (bytes + size > TRACE_MAX_PAYLOAD_CHARS || events.length >= TRACE_MAX_EVENTS)) {
      omitted++;
      continue;
    }
    bytes += size;
    events.push(found);
  }
  return omitted > 0 ? { events, records, omitted } : { events, records };
}

/**
 * Bounds of one export's free-text search: payload characters searched (~64 MB of text), and
 * events looked up outside the history (a topic scan each).
 */
export const EXPORT_MAX_SEARCH_CHARS = 64_000_000;
export const EXPORT_MAX_LOOKUPS = 1000;

/** Bounds of one trace answer: a conversation can fan out to thousands of events of 256 KB. */
export const TRACE_MAX_RECORDS = 2000;
export const TRACE_MAX_EVENTS = 200;
export const TRACE_MAX_PAYLOAD_CHARS = 1_000_000;

/**
 * The CloudEvents behind the delivery records that match `filter` (the inspector's own rules,
 * applied on the server over the run's whole history, so nothing is lost to sampling), each
 * once, oldest first, at most `limit`; free text searches payloads within `bounds` only.
 */
export function recordedEvents(
  run: FlowRun,
  filter: DeliveryFilter,
  limit: number,
  bounds = { maxSearchChars: EXPORT_MAX_SEARCH_CHARS, maxLookups: EXPORT_MAX_LOOKUPS },
): EventEnvelope[] {
  // Events by id from the records themselves (constant time each): looking every id up again
  // would scan the history once per record.
  const bySeq = new Map<string, number>();
  let searched = 0;
  let lookups = 0;
  const lookedUp = new Map<string, EventEnvelope | undefined>();
  const eventOf = (eventId: string): EventEnvelope | undefined => {
    const seq = bySeq.get(eventId);
    const held = seq === undefined ? undefined : run.history.eventOf(seq);
    if (held !== undefined || lookedUp.has(eventId)) return held ?? lookedUp.get(eventId);
    if (lookups >= bounds.maxLookups) return undefined;
    lookups++; // a payload the history let go: perhaps still in a topic (once per event)
    lookedUp.set(eventId, run.getEvent(eventId));
    return lookedUp.get(eventId);
  };
  const payloads = new Map<string, string | undefined>();
  const payloadText = (eventId: string) => {
    if (!payloads.has(eventId)) {
      // Past the budget, payloads are no longer searched (the row's own fields still are).
      const event = searched < bounds.maxSearchChars ? eventOf(eventId) : undefined;
      const text = event ? JSON.stringify(event.data).toLowerCase() : undefined;
      searched += text?.length ?? 0;
      payloads.set(eventId, text);
    }
    return payloads.get(eventId);
  };
  const matches = compileFilter(filter, { searchText: payloadText });
  const records = run.history.query({ outcome: filter.outcome || undefined, limit: Number.MAX_SAFE_INTEGER });
  for (const record of records) bySeq.set(record.eventId, record.seq); // the newest record of each event
  const seen = new Set<string>();
  const events: EventEnvelope[] = [];
  for (const record of records) {
    if (events.length >= limit) break;
    if (seen.has(record.eventId) || !matches(record)) continue;
    seen.add(record.eventId);
    const event = eventOf(record.eventId);
    if (event) events.push(event);
  }
  return events;
}
