import { OUTCOME_NAMES, type DeliveryRow, type OutcomeName } from "@/lib/events/delivery";

/** The steps a delivery record can report (lib/events/delivery.ts). */
export const OUTCOMES = OUTCOME_NAMES;
export type Outcome = OutcomeName;

/** Outcome codes as stored in the record ring (index into OUTCOMES). */
export const O_PUBLISHED = 0,
  O_DELIVERED = 1,
  O_ACKED = 2,
  O_FAILED = 3,
  O_RETRY = 4,
  O_DEAD_LETTERED = 5,
  O_FILTERED = 6,
  O_DROPPED = 7;

/**
 * Where a record happened: a producer's publishes edge, a consumer's subscription, or a
 * consumer's output edge. Built once per edge, so writing a record stores one reference.
 */
export interface RecordSite {
  /** The producer or consumer node the step belongs to. */
  nodeId: string;
  edgeId?: string;
  topicNodeId?: string;
  topic?: string;
  group?: string;
}

/** One step of one event's life, as the inspector and the event trace read it. */
export type DeliveryRecord = DeliveryRow;
