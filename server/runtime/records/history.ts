import type { EventEnvelope } from "@/lib/events";
import type { DeliveryRecord, Outcome } from "./outcomes";
import type { RecordRing } from "./record-ring";

export interface HistoryQuery {
  eventId?: string;
  correlationId?: string;
  /** A producer or consumer node, or a topic node (matches records about that topic). */
  nodeId?: string;
  outcome?: Outcome;
  /** At most this many (the newest); default 1000. */
  limit?: number;
}

/** Read access to the bounded delivery history; every result is in sequence (time) order. */
export interface History {
  query(q: HistoryQuery): DeliveryRecord[];
  /** The last `n` records. */
  recent(n: number): DeliveryRecord[];
  /** Records with seq ≥ `fromSeq` still held (a late joiner's catch-up), at most `limit`. */
  since(fromSeq: number, limit?: number): DeliveryRecord[];
  /** The sequence number the next record will get. */
  readonly nextSeq: number;
  /** The newest event with this id found in the history. */
  findEvent(eventId: string): EventEnvelope | undefined;
  /** The event of record `seq`, in constant time; undefined when gone or its payload was let go. */
  eventOf(seq: number): EventEnvelope | undefined;
}

/** Builds the query side over a record ring. Queries scan (at most `capacity` records). */
export function createHistory(ring: RecordRing): History {
  return {
    query(q) {
      const limit = q.limit ?? 1000;
      const hits: DeliveryRecord[] = [];
      for (let s = ring.seq - 1; s >= ring.oldestSeq && hits.length < limit; s--) {
        if (ring.matchesAt(s, q.eventId, q.correlationId, q.nodeId, q.outcome)) hits.push(ring.get(s)!);
      }
      return hits.reverse();
    },
    recent(n) {
      const out: DeliveryRecord[] = [];
      for (let s = Math.max(ring.oldestSeq, ring.seq - n); s < ring.seq; s++) out.push(ring.get(s)!);
      return out;
    },
    since(fromSeq, limit = 10_000) {
      const out: DeliveryRecord[] = [];
      for (let s = Math.max(ring.oldestSeq, fromSeq); s < ring.seq && out.length < limit; s++)
        out.push(ring.get(s)!);
      return out;
    },
    get nextSeq() {
      return ring.seq;
    },
    eventOf(seq) {
      return ring.eventAt(seq);
    },
    findEvent(eventId) {
      for (let s = ring.seq - 1; s >= ring.oldestSeq; s--) {
        const event = ring.eventAt(s);
        if (event && event.id === eventId) return event;
      }
      return undefined;
    },
  };
}
