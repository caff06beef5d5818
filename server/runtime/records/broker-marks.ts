import type { EventEnvelope } from "@/lib/events";
import type { BrokerMark } from "../broker/port";

/**
 * Where each event fetched from a remote broker sits there (its entry id or stream sequence)
 * and whether an outside client published it. A remote reader decodes a fresh envelope for
 * every message it fetches, so the envelope identifies that one broker entry: the mark is kept
 * beside it here and read only when a record is built, which costs the embedded broker's hot
 * path nothing (its records never look here).
 */
const marks = new WeakMap<EventEnvelope, BrokerMark>();

/** Notes where the freshly decoded `event` came from on its broker. */
export function markFetched(event: EventEnvelope, mark: BrokerMark): void {
  marks.set(event, mark);
}

/** The broker mark of a fetched event, if it came from a remote broker. */
export function brokerMarkOf(event: EventEnvelope): BrokerMark | undefined {
  return marks.get(event);
}

/** Carries the mark over to a copy of the event (a record that let go of its payload). */
export function copyMark(from: EventEnvelope, to: EventEnvelope): void {
  const mark = marks.get(from);
  if (mark !== undefined) marks.set(to, mark);
}
