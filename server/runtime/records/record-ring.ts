import type { EventEnvelope } from "@/lib/events";
import type { HttpExchange } from "@/lib/events/delivery";
import { estimateBytes } from "../run-memory";
import { brokerMarkOf, copyMark } from "./broker-marks";
import { OUTCOMES, type DeliveryRecord, type Outcome, type RecordSite } from "./outcomes";

/** A cheap view over records [fromSeq, toSeq) of the ring, valid while the sink call lasts. */
export interface RecordRange {
  fromSeq: number;
  toSeq: number;
  get(seq: number): DeliveryRecord | undefined;
  /** The outcome and edge of record `seq`, without building the record (for counting). */
  outcomeAt(seq: number): Outcome;
  edgeIdAt(seq: number): string | undefined;
  /** The event of record `seq` (for its trace context); undefined when its payload was let go. */
  eventAt(seq: number): EventEnvelope | undefined;
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
  /** Estimated bytes of the payloads the ring keeps reachable (each event counted once when written). */
  payloadBytes = 0;
  /** Records whose payloads were let go (the event's ids stay), ever. */
  releasedPayloads = 0;
  private outcome!: Uint8Array;
  private events!: (EventEnvelope | undefined)[];
  private sites!: (RecordSite | undefined)[];
  private partition!: Int32Array;
  private offset!: Float64Array;
  private attempt!: Int32Array;
  private at!: Float64Array;
  private latency!: Float64Array;
  private reasons!: (string | undefined)[];
  /** Filled only for webhook attempts; a sparse column costs nothing for other records. */
  private exchanges!: (HttpExchange | undefined)[];
  /** Filled only for events a remote broker stored (published records): its own offset. */
  private positions!: (string | undefined)[];
  /** Per slot: bytes of the payload this record keeps reachable (0 when shared or released). */
  private sizes!: Float64Array;
  private slot = 0;
  private lastEvent: EventEnvelope | undefined;
  /** Records before this sequence number have had their payloads released. */
  private releasedSeq = 0;

  /**
   * @param capacity records kept
   * @param payloadLimit bytes of payloads the records may keep reachable; beyond it the oldest
   *   records keep their event's ids but let go of its payload (Infinity: no limit)
   */
  constructor(
    public capacity: number,
    readonly payloadLimit = Infinity,
  ) {
    this.allocate(capacity);
  }

  private allocate(capacity: number): void {
    this.capacity = capacity;
    this.outcome = new Uint8Array(capacity);
    this.events = new Array(capacity).fill(undefined);
    this.sites = new Array(capacity).fill(undefined);
    this.partition = new Int32Array(capacity);
    this.offset = new Float64Array(capacity);
    this.attempt = new Int32Array(capacity);
    this.at = new Float64Array(capacity);
    this.latency = new Float64Array(capacity);
    this.reasons = new Array(capacity).fill(undefined);
    this.exchanges = new Array(capacity).fill(undefined);
    this.positions = new Array(capacity).fill(undefined);
    this.sizes = new Float64Array(capacity);
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
    http?: HttpExchange,
    position?: string,
  ): void {
    const i = this.slot;
    this.payloadBytes -= this.sizes[i];
    if (this.payloadLimit !== Infinity) {
      // One event usually has several records in a row (published, delivered, acked): count it once.
      this.sizes[i] = event === this.lastEvent ? 0 : 200 + estimateBytes(event.data, 0);
      this.payloadBytes += this.sizes[i];
      this.lastEvent = event;
    }
    this.outcome[i] = outcome;
    this.events[i] = event;
    this.sites[i] = site;
    this.partition[i] = partition;
    this.offset[i] = offset;
    this.attempt[i] = attempt;
    this.at[i] = atMs;
    this.latency[i] = latencyMs;
    this.reasons[i] = reason;
    this.exchanges[i] = http;
    this.positions[i] = position;
    this.slot = i + 1 === this.capacity ? 0 : i + 1;
    this.seq++;
    if (this.payloadBytes > this.payloadLimit) this.releasePayloads(this.payloadLimit * 0.9);
  }

  /** Lets the oldest records' payloads go until at most `bytes` stay reachable. */
  releasePayloads(bytes: number): void {
    let s = Math.max(this.releasedSeq, this.oldestSeq);
    for (; s < this.seq && this.payloadBytes > bytes; s++) {
      const i = this.slotOf(s);
      this.payloadBytes -= this.sizes[i];
      this.sizes[i] = 0;
      this.events[i] = withoutPayload(this.events[i]!);
      this.releasedPayloads++;
    }
    this.releasedSeq = s;
    if (this.releasedSeq >= this.seq) this.lastEvent = undefined;
  }

  /**
   * Keeps only the newest `records` records and at most `payloadBytes` of payloads (a stopped
   * run: what the inspector needs for its history, no more).
   */
  shrink(records: number, payloadBytes: number): void {
    this.releasePayloads(payloadBytes);
    if (records >= this.capacity) return;
    const from = Math.max(this.oldestSeq, this.seq - records);
    const old = { ...this };
    const oldSlot = (seq: number) => seq % old.capacity;
    this.allocate(records);
    for (let seq = from; seq < this.seq; seq++) {
      const i = seq % records,
        j = oldSlot(seq);
      this.outcome[i] = old.outcome[j];
      this.events[i] = old.events[j];
      this.sites[i] = old.sites[j];
      this.partition[i] = old.partition[j];
      this.offset[i] = old.offset[j];
      this.attempt[i] = old.attempt[j];
      this.at[i] = old.at[j];
      this.latency[i] = old.latency[j];
      this.reasons[i] = old.reasons[j];
      this.exchanges[i] = old.exchanges[j];
      this.positions[i] = old.positions[j];
      this.sizes[i] = old.sizes[j];
    }
    this.slot = this.seq % records;
    let kept = 0;
    for (let seq = from; seq < this.seq; seq++) kept += this.sizes[seq % records];
    this.payloadBytes = kept;
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
    // On a remote broker the offset shown is the broker's own (a delivery's offset here only
    // counts what this server fetched); an event an outside client published says so.
    const mark = site.group !== undefined ? brokerMarkOf(event) : undefined;
    const position = this.positions[i] ?? mark?.position;
    if (position !== undefined) record.brokerOffset = position;
    else if (this.offset[i] >= 0) record.offset = this.offset[i];
    if (mark?.external) record.external = true;
    if (this.attempt[i] > 0) record.attempt = this.attempt[i];
    if (this.latency[i] >= 0) record.latencyMs = this.latency[i];
    if (this.reasons[i] !== undefined) record.reason = this.reasons[i];
    if (this.exchanges[i] !== undefined) record.http = this.exchanges[i];
    return record;
  }

  /** The event of record `seq` without building the record; undefined when its payload was let go. */
  eventAt(seq: number): EventEnvelope | undefined {
    if (seq < this.oldestSeq || seq >= this.seq) return undefined;
    const event = this.events[this.slotOf(seq)];
    return event === undefined || RELEASED.has(event) ? undefined : event;
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

  /** The outcome of record `seq`, without building the record. */
  outcomeAt(seq: number): Outcome {
    return OUTCOMES[this.outcome[this.slotOf(seq)]];
  }

  /** The edge of record `seq`, without building the record. */
  edgeIdAt(seq: number): string | undefined {
    return this.sites[this.slotOf(seq)]!.edgeId;
  }

  range(fromSeq: number, toSeq: number): RecordRange {
    return new RingRange(this, Math.max(fromSeq, this.oldestSeq), toSeq);
  }
}

/** A view of records `fromSeq` to `toSeq` of a ring (made per flush: one small object, no closures). */
class RingRange implements RecordRange {
  constructor(
    private readonly ring: RecordRing,
    readonly fromSeq: number,
    readonly toSeq: number,
  ) {}
  get(seq: number) {
    return this.ring.get(seq);
  }
  outcomeAt(seq: number) {
    return this.ring.outcomeAt(seq);
  }
  edgeIdAt(seq: number) {
    return this.ring.edgeIdAt(seq);
  }
  eventAt(seq: number) {
    return this.ring.eventAt(seq);
  }
  toArray() {
    const out: DeliveryRecord[] = [];
    for (let s = this.fromSeq; s < this.toSeq; s++) out.push(this.ring.get(s)!);
    return out;
  }
}

/** Envelopes whose payload the history let go: ids and type only, never handed out as events. */
const RELEASED = new WeakSet<EventEnvelope>();
const stubs = new WeakMap<EventEnvelope, EventEnvelope>();

function withoutPayload(event: EventEnvelope): EventEnvelope {
  if (RELEASED.has(event)) return event;
  let stub = stubs.get(event);
  if (stub === undefined) {
    stub = Object.freeze({ ...event, data: null });
    RELEASED.add(stub);
    copyMark(event, stub);
    stubs.set(event, stub);
  }
  return stub;
}
