/**
 * The vocabulary of delivery records, shared by the runtime that writes them, the gateway
 * that streams them and the inspector that shows them.
 */

/** The steps a delivery record can report, in the order a delivery usually goes through them. */
export const OUTCOME_NAMES = [
  "published",
  "delivered",
  "acked",
  "failed",
  "retry-scheduled",
  "dead-lettered",
  "filtered",
  "dropped",
] as const;
export type OutcomeName = (typeof OUTCOME_NAMES)[number];

/** One step of one event's life (payload bodies are fetched on demand, never carried here). */
export interface DeliveryRow {
  seq: number;
  outcome: OutcomeName;
  eventId: string;
  correlationId: string;
  causationId?: string;
  eventType: string;
  /** The producer or consumer node the step belongs to. */
  nodeId: string;
  edgeId?: string;
  topicNodeId?: string;
  topic?: string;
  partition?: number;
  /** Offset in the partition (embedded broker). */
  offset?: number;
  /** The broker's own offset on Redis Streams (entry id) or NATS JetStream (stream sequence). */
  brokerOffset?: string;
  /** The event was published to the broker by a client outside Eventloom. */
  external?: true;
  group?: string;
  /** Delivery attempt, 1-based, for consumer steps. */
  attempt?: number;
  atMs: number;
  /** Time since the event was published (for consumer steps). */
  latencyMs?: number;
  /** Why, for failed, retry-scheduled, dead-lettered and dropped. */
  reason?: string;
  /** The HTTP call of a webhook consumer's attempt (on its acked or failed record). */
  http?: HttpExchange;
  /** In a cluster: the server that handled this step (consumer groups may spread over servers). */
  server?: string;
}

/** What a webhook call came to: the status (null when none came), time taken, the answer's start. */
export interface HttpExchange {
  status: number | null;
  durationMs: number;
  /** The first 1 KB of the answer's body. */
  response?: string;
  /** Why no answer came (timeout, connection refused, refused address). */
  error?: string;
}
