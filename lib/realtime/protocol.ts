import type * as z from "../zod";
import type { EventEnvelope } from "../events/envelope";
import type { ProducedEvent } from "../api/produce";
import type { DeliveryRow, OutcomeName } from "../events/delivery";
import type {
  ZControlRequest,
  ZDocPresence,
  ZDocSync,
  ZEventRequest,
  ZProduceRequest,
  ZWatchRequest,
} from "./requests";

/**
 * The realtime channel between a browser and the server (Socket.IO). Both ends type their
 * Server<…>/Socket<…> with these maps; the server zod-parses every inbound payload (with the
 * schemas of requests.ts) and answers each request through its acknowledgement callback.
 * Documented in docs/realtime.md.
 */
export const PROTOCOL_VERSION = 2;

export { OUTCOME_NAMES, type OutcomeName, type DeliveryRow } from "../events/delivery";
export type OutcomeCounts = Record<OutcomeName, number>;

/** Records of one flush window: a representative sample plus exact counts of what was left out. */
export interface DeliveryBatch {
  flowId: string;
  /** Every record of the window, by outcome; rows + notSent add up to it exactly. */
  total: OutcomeCounts;
  notSent: OutcomeCounts;
  rows: DeliveryRow[];
  /** Exact deliveries per edge in the window, and how many of them failed. */
  edges: Record<string, { count: number; failed: number }>;
  /** Records this client missed because it could not keep up (exact), since its last batch. */
  missed: number;
}

export interface RateWindows {
  s1: number;
  s10: number;
  s60: number;
}

export interface NodeMetricsView {
  nodeId: string;
  kind: "producer" | "topic" | "consumer";
  counts: OutcomeCounts;
  rateIn: RateWindows;
  rateOut: RateWindows;
  inFlight: number;
  /** Consumers: events not yet acked, in total and per topic and partition. */
  lag?: number;
  lagByPartition?: { topic: string; partition: number; lag: number }[];
  latencyMs?: { p50: number; p95: number; p99: number };
  /** Producers: paused by hand. Consumers: online. */
  paused?: boolean;
  online?: boolean;
}

export interface MetricsSnapshot {
  flowId: string;
  atMs: number;
  nodes: Record<string, NodeMetricsView>;
}

export const RUN_STATES = ["stopped", "running", "stopping"] as const;
export type RunState = (typeof RUN_STATES)[number];

export interface RunStatus {
  flowId: string;
  state: RunState;
  /** The flow version that is (or was last) deployed. */
  version: number | null;
  startedAt: string | null;
  /** Why the run stopped, when it did not stop by hand (e.g. a resource cap). */
  reason?: string;
  /** Set when a resource cap is throttling the run right now. */
  capped?: string;
  /** Set when the server resumed this run by itself after a restart, saying what carried over. */
  resumed?: string;
  /** Set while a broker of the run's topics does not answer; the run keeps retrying. */
  unreachable?: string;
}

/** The first thing a watcher gets: the present, so it never starts from a blank screen. */
export interface WatchSnapshot {
  status: RunStatus;
  metrics: MetricsSnapshot | null;
  recent: DeliveryRow[];
}

/** The requests' shapes as a client writes them (requests.ts holds the server's checks). */
export type ProduceRequest = z.input<typeof ZProduceRequest>;
export type WatchRequest = z.input<typeof ZWatchRequest>;
export type ControlRequest = z.input<typeof ZControlRequest>;
export type EventRequest = z.infer<typeof ZEventRequest>;

/** Every acknowledgement: a value or an error naming the problem. */
export type Ack<T = null> =
  { ok: true; value: T } | { ok: false; error: string; issues?: { path: string; message: string }[] };

export interface EventTrace {
  /** The event asked about, and every event of its conversation that is still held. */
  events: EventEnvelope[];
  /** Every delivery step of those events, oldest first (at most 2,000). */
  records: DeliveryRow[];
  /** Events of the conversation left out to keep the answer under ~1 MB of payloads (absent when none). */
  omitted?: number;
}

/** The most bytes one co-editing message may carry (an import of a 500-node flow fits). */
export const MAX_DOC_MESSAGE_BYTES = 1024 * 1024;
/** The most bytes one presence (awareness) message may carry. */
export const MAX_PRESENCE_BYTES = 8 * 1024;

export type DocSync = z.infer<typeof ZDocSync>;
export type DocPresence = z.infer<typeof ZDocPresence>;
/** What joining a flow's document grants: editors send changes, viewers only receive them. */
export interface DocJoined {
  access: "view" | "edit";
  /** The document's present epoch: a client holding an older one asks for a reset with its step 1. */
  epoch: number;
}
/** Binary as it arrives in a browser (ArrayBuffer) or in Node (Buffer, a Uint8Array). */
export type Binary = Uint8Array | ArrayBuffer;

/**
 * The server started a new epoch of the document: `state` is its whole state, and the client
 * replaces its copy with it. Its own changes the new epoch lacks are written again onto the new
 * copy as the change from `before` to its old copy (a three-way merge of the flow's content):
 * - `live`: sent to everyone joined at the moment of a compaction, right after the whole old
 *   document reached them; `before` is `state` itself (the same content). `stateVector` is the
 *   old document's: a client whose own changes it counts all has nothing to write again.
 * - `past`: to a client that comes back holding an older epoch the server still keeps: `past` is
 *   that epoch's last whole state; the client merges it into its copy, and `before` is `past`.
 * - `unknown`: the epoch is no longer kept; the client writes again only the nodes, edges and
 *   flow fields its unsaved changes touched, taking `before` from `state`.
 * Sync messages of an older epoch that reach the server afterwards are dropped: the client's
 * rewrite carries what they held.
 */
export type DocReset = { flowId: string; epoch: number; state: Binary } & (
  { from: "live"; stateVector: Binary } | { from: "unknown" } | { from: "past"; past: Binary }
);

export interface ClientToServerEvents {
  watch: (request: WatchRequest, ack: (answer: Ack<WatchSnapshot>) => void) => void;
  unwatch: (request: { flowId: string }, ack?: (answer: Ack) => void) => void;
  control: (request: ControlRequest, ack: (answer: Ack) => void) => void;
  produce: (request: ProduceRequest, ack: (answer: Ack<ProducedEvent>) => void) => void;
  "event:get": (request: EventRequest, ack: (answer: Ack<EventEnvelope>) => void) => void;
  "trace:get": (request: EventRequest, ack: (answer: Ack<EventTrace>) => void) => void;
  "doc:join": (request: { flowId: string }, ack: (answer: Ack<DocJoined>) => void) => void;
  "doc:leave": (request: { flowId: string }, ack?: (answer: Ack) => void) => void;
  "doc:sync": (message: DocSync) => void;
  "doc:presence": (message: DocPresence) => void;
}

export interface ServerToClientEvents {
  hello: (info: { protocol: number; version: string }) => void;
  deliveries: (batch: DeliveryBatch) => void;
  metrics: (snapshot: MetricsSnapshot) => void;
  status: (status: RunStatus) => void;
  /** The view link this client watched with was regenerated or removed: it no longer grants access. */
  revoked: (info: { flowId: string; message: string }) => void;
  /** The server is about to disconnect this client for exceeding its limits, and says why. */
  closing: (info: { reason: "rate-limit" | "not-reading"; message: string }) => void;
  "doc:sync": (message: { flowId: string; epoch: number; message: Binary }) => void;
  "doc:presence": (message: { flowId: string; update: Binary }) => void;
  /**
   * The document (of `epoch`) was saved as `version`, with everything the state vector counts: a
   * client whose own changes it counts knows they are saved.
   */
  "doc:saved": (info: { flowId: string; epoch: number; version: number; stateVector: Binary }) => void;
  "doc:reset": (reset: DocReset) => void;
  /** A change this client sent was refused (and undone); it resyncs with the server. */
  "doc:refused": (info: { flowId: string; error: string }) => void;
}

/** Socket.IO rooms of the watchers of one flow: with edit access, and through its view link. */
export const flowRoom = (flowId: string) => `flow:${flowId}`;
export const viewRoom = (flowId: string) => `view:${flowId}`;

/** All outcome counters at zero. */
export function zeroCounts(): OutcomeCounts {
  return {
    published: 0,
    delivered: 0,
    acked: 0,
    failed: 0,
    "retry-scheduled": 0,
    "dead-lettered": 0,
    filtered: 0,
    dropped: 0,
  };
}
