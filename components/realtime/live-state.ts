import type {
  DeliveryBatch,
  DeliveryRow,
  MetricsSnapshot,
  OutcomeCounts,
  RunStatus,
  WatchSnapshot,
} from "@/lib/realtime/protocol";
import type { EdgeTrafficState } from "./edge-traffic";
import type { NodeHistory } from "./metrics-history";
import type { Ring } from "./ring-buffer";

/** Rows kept for the inspector's table. */
export const ROW_CAPACITY = 100_000;
/** Rows held while the person has paused the stream; beyond it the oldest held are counted, not kept. */
export const HOLD_CAPACITY = 50_000;

export type ConnectionState = "connecting" | "live" | "offline";

/**
 * The live state of one watched flow: what the server streams, never the graph. The two rings
 * are mutated in place; `rowsVersion`/`heldCount` change whenever they do, so selectors on
 * those numbers re-render exactly when the table must.
 */
export interface LiveData {
  flowId: string;
  connection: ConnectionState;
  /** Why the last watch or connection attempt failed, for the person. */
  connectionError: string | null;
  status: RunStatus | null;
  metrics: MetricsSnapshot | null;
  history: Record<string, NodeHistory>;
  edges: Record<string, EdgeTrafficState>;
  rows: Ring<DeliveryRow>;
  rowsVersion: number;
  paused: boolean;
  held: Ring<DeliveryRow>;
  /** Every row that arrived while paused, kept or not. */
  heldCount: number;
  /** Held rows beyond HOLD_CAPACITY: counted, not kept (the oldest go first). */
  heldOverflow: number;
  /** Exact records of every batch since the watch began, by outcome. */
  totals: OutcomeCounts;
  /** Rows actually received, by outcome (totals = received + sampledOut, exactly). */
  received: OutcomeCounts;
  /** Records the gateway summarised rather than sent (sampling), by outcome. */
  sampledOut: OutcomeCounts;
  /** Records this browser missed because it could not keep up. */
  missed: number;
  /** Topic names and consumer groups seen in rows, for the filters. */
  topics: string[];
  groups: string[];
  /** The last failed control request (fire, pause, replay…), for the person. */
  controlError: string | null;
}

export interface LiveActions {
  /** Starts over from a watch snapshot (first watch and every reconnect). */
  reset: (snapshot: WatchSnapshot) => void;
  /** Applies delivery batches that arrived since the last frame, at local time `nowMs`. */
  applyBatches: (batches: readonly DeliveryBatch[], nowMs: number) => void;
  applyMetrics: (snapshot: MetricsSnapshot) => void;
  applyStatus: (status: RunStatus) => void;
  setConnection: (connection: ConnectionState, error?: string | null) => void;
  /** Holds arriving rows instead of showing them. */
  pause: () => void;
  /** Shows the held rows, in arrival order, and streams again. */
  resume: () => void;
  /** Decays edge traffic when no batch arrives (called about once a second). */
  tick: (nowMs: number) => void;
  setControlError: (message: string | null) => void;
}

export type LiveState = LiveData & LiveActions;
