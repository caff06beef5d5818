import { createHash } from "node:crypto";
import type { EventEnvelope } from "@/lib/events";
import type { DeliveryRecord } from "../runtime/records/outcomes";

/** One span to export, in OpenTelemetry's terms (ids as lowercase hex). */
export interface DeliverySpan {
  name: string;
  kind: "producer" | "consumer" | "internal";
  traceId: string;
  spanId: string;
  /** The span this one hangs under; absent for the root of a trace. */
  parentSpanId?: string;
  startMs: number;
  endMs: number;
  error?: string;
  attributes: Record<string, string | number>;
}

/** W3C traceparent: version 00, trace id, parent id, flags. */
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;
const hex = (text: string, length: number) =>
  createHash("sha256").update(text).digest("hex").slice(0, length);

/** The publish span of an event has an id derived from the event's id, so its effects can hang under it. */
export const publishSpanId = (eventId: string) => hex(`publish:${eventId}`, 16);

/**
 * The trace an event belongs to: the trace of its `traceparent` (kept from ingest and copied to
 * everything it causes), else one trace per conversation (derived from its correlation id).
 */
export function traceOf(event: Pick<EventEnvelope, "traceparent" | "correlationid">): {
  traceId: string;
  remoteParent?: string;
} {
  const w3c = event.traceparent ? TRACEPARENT.exec(event.traceparent) : null;
  if (w3c) return { traceId: w3c[1], remoteParent: w3c[2] };
  return { traceId: hex(`trace:${event.correlationid}`, 32) };
}

const STEP_NAMES: Partial<Record<DeliveryRecord["outcome"], string>> = {
  acked: "process",
  failed: "process",
  "dead-lettered": "dead-letter",
  dropped: "drop",
};

/**
 * Turns delivery records into spans: `published` into a producer span (the event's own span,
 * under the event that caused it or the sender's span), each attempt (from its `delivered` to
 * its `acked` or `failed`) into a consumer span under it, and dead-letters and drops into spans
 * of their own. Keeps the start of each attempt in hand, bounded.
 */
export class DeliverySpanBuilder {
  private readonly started = new Map<string, number>();

  constructor(private readonly maxInHand = 50_000) {}

  /** The span a record closes, or null (a `delivered` only opens one; filtered and retry steps make none). */
  toSpan(flowName: string, record: DeliveryRecord, event: EventEnvelope | undefined): DeliverySpan | null {
    const key = `${record.eventId}|${record.group ?? record.nodeId}|${record.attempt ?? 0}`;
    if (record.outcome === "delivered") {
      if (this.started.size >= this.maxInHand) this.started.delete(this.started.keys().next().value!);
      this.started.set(key, record.atMs);
      return null;
    }
    const { traceId, remoteParent } = traceOf(
      event ?? { correlationid: record.correlationId, traceparent: undefined },
    );
    const attributes: Record<string, string | number> = {
      "messaging.system": "eventloom",
      "messaging.message.id": record.eventId,
      "eventloom.flow": flowName,
      "eventloom.event.type": record.eventType,
    };
    if (record.topic !== undefined) attributes["messaging.destination.name"] = record.topic;
    if (record.partition !== undefined)
      attributes["messaging.destination.partition.id"] = String(record.partition);
    if (record.offset !== undefined) attributes["eventloom.offset"] = record.offset;
    if (record.outcome === "published") {
      const causedBy = record.causationId ?? event?.causationid;
      return {
        name: `publish ${record.topic ?? ""}`.trim(),
        kind: "producer",
        traceId,
        spanId: publishSpanId(record.eventId),
        ...(causedBy
          ? { parentSpanId: publishSpanId(causedBy) }
          : remoteParent
            ? { parentSpanId: remoteParent }
            : {}),
        startMs: record.atMs,
        endMs: record.atMs,
        attributes,
      };
    }
    const step = STEP_NAMES[record.outcome];
    if (!step) return null;
    const startMs = this.started.get(key) ?? record.atMs;
    this.started.delete(key);
    if (record.group !== undefined) attributes["messaging.consumer.group.name"] = record.group;
    if (record.attempt !== undefined) attributes["eventloom.attempt"] = record.attempt;
    if (record.http?.status != null) attributes["http.response.status_code"] = record.http.status;
    return {
      name: `${step} ${record.group ?? ""}`.trim(),
      kind: step === "process" ? "consumer" : "internal",
      traceId,
      spanId: hex(`${record.outcome}:${key}:${record.seq}`, 16),
      parentSpanId: publishSpanId(record.eventId),
      startMs: step === "process" ? startMs : record.atMs,
      endMs: record.atMs,
      ...(record.outcome === "acked" ? {} : { error: record.reason ?? record.outcome }),
      attributes,
    };
  }
}
