import type { EventEnvelope } from "@/lib/events";
import { OUTCOMES, type DeliveryRecord, type Outcome, type RecordSite } from "./outcomes";

/** A cheap view over records [fromSeq, toSeq) of the ring, valid while the sink call lasts. */
export interface RecordRange {
  fromSeq: number;
  toSeq: number;
  get(seq: number): DeliveryRecord | undefined;
  /** The outcome and edge of record `seq`, without building the record (for counting). */
  outcomeAt(seq: number): Outcome;
  edgeIdAt(seq: number): string | undefined;
  toArray(): DeliveryRecord[];
}

/**
 * The delivery history: a preallocated ring of the last `capacity` records, stored column-wise
 * (typed arrays and reference arrays), so recording allocates nothing. Records become objects
 * only when someone reads them.
 */
export class RecordRing {
  /** Sequence number the next record gets; also the count of records ever written. */
  seq = 0;
  private readonly outcome: Uint8Array;
  private readonly events: (EventEnvelope | undefined)[];
  private readonly sites: (RecordSite | undefined)[];
  private readonly partition: Int32Array;
  private readonly offset: Float64Array;
  private readonly attempt: Int32Array;
  private readonly at: Float64Array;
  private readonly latency: Float64Array;
  private readonly reasons: (string | undefined)[];
  private slot = 0;

  constructor(readonly capacity: number) {
    this.outcome = new Uint8Array(capacity);
    this.events = new Array(capacity).fill(undefined);
    this.sites = new Array(capacity).fill(undefined);
    this.partition = new Int32Array(capacity);
    this.offset = new Float64Array(capacity);
    this.attempt = new Int32Array(capacity);
    this.at = new Float64Array(capacity);
    this.latency = new Float64Array(capacity);
    this.reasons = new Array(capacity).fill(undefined);
  }

  /** Appends one record. partition/offset −1, attempt 0 and latency −1 mean "not applicable". */
  write(
    outcome: number,
    event: EventEnvelope,
    site: RecordSite,
    partition: number,
    offset: number,
    attempt: number,
    atMs: number,
    latencyMs: number,
    reason: string | undefined,
  ): void {
    const i = this.slot;
    this.outcome[i] = outcome;
    this.events[i] = event;
    this.sites[i] = site;
    this.partition[i] = partition;
    this.offset[i] = offset;
    this.attempt[i] = attempt;
    this.at[i] = atMs;
    this.latency[i] = latencyMs;
    this.reasons[i] = reason;
    this.slot = i + 1 === this.capacity ? 0 : i + 1;
    this.seq++;
  }

  /** The oldest sequence number still held. */
  get oldestSeq(): number {
    return Math.max(0, this.seq - this.capacity);
  }

  private slotOf(seq: number): number {
    return seq % this.capacity;
  }

  /** The record with this sequence number, if it is still in the ring. */
  get(seq: number): DeliveryRecord | undefined {
    if (seq < this.oldestSeq || seq >= this.seq) return undefined;
    const i = this.slotOf(seq);
    const event = this.events[i]!;
    const site = this.sites[i]!;
    const record: DeliveryRecord = {
      seq,
      outcome: OUTCOMES[this.outcome[i]],
      eventId: event.id,
      correlationId: event.correlationid,
      eventType: event.type,
      nodeId: site.nodeId,
      atMs: this.at[i],
    };
    if (event.causationid !== undefined) record.causationId = event.causationid;
    if (site.edgeId !== undefined) record.edgeId = site.edgeId;
    if (site.topicNodeId !== undefined) record.topicNodeId = site.topicNodeId;
    if (site.topic !== undefined) record.topic = site.topic;
    if (site.group !== undefined) record.group = site.group;
    if (this.partition[i] >= 0) record.partition = this.partition[i];
    if (this.offset[i] >= 0) record.offset = this.offset[i];
    if (this.attempt[i] > 0) record.attempt = this.attempt[i];
    if (this.latency[i] >= 0) record.latencyMs = this.latency[i];
    if (this.reasons[i] !== undefined) record.reason = this.reasons[i];
    return record;
  }

  /** The event of record `seq` without building the record. */
  eventAt(seq: number): EventEnvelope | undefined {
    return seq < this.oldestSeq || seq >= this.seq ? undefined : this.events[this.slotOf(seq)];
  }

  /** Cheap pre-filter used by queries before building a record. */
  matchesAt(
    seq: number,
    eventId?: string,
    correlationId?: string,
    nodeId?: string,
    outcome?: Outcome,
  ): boolean {
    const i = this.slotOf(seq);
    const event = this.events[i]!;
    if (eventId !== undefined && event.id !== eventId) return false;
    if (correlationId !== undefined && event.correlationid !== correlationId) return false;
    if (nodeId !== undefined && this.sites[i]!.nodeId !== nodeId && this.sites[i]!.topicNodeId !== nodeId)
      return false;
    return outcome === undefined || OUTCOMES[this.outcome[i]] === outcome;
  }

  range(fromSeq: number, toSeq: number): RecordRange {
    const from = Math.max(fromSeq, this.oldestSeq);
    return {
      fromSeq: from,
      toSeq,
      get: (seq) => this.get(seq),
      outcomeAt: (seq) => OUTCOMES[this.outcome[this.slotOf(seq)]],
      edgeIdAt: (seq) => this.sites[this.slotOf(seq)]!.edgeId,
      toArray: () => {
        const out: DeliveryRecord[] = [];
        for (let s = from; s < toSeq; s++) out.push(this.get(s)!);
        return out;
      },
    };
  }
}
