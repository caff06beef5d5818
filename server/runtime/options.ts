/** Tunables of one run; all have safe defaults for a live run. */
export interface RunOptions {
  /** Delivery records kept for queries (ring size). Default 100,000. */
  historySize?: number;
  /** Write delivery records at all (metrics are kept either way). Default true. */
  recordsEnabled?: boolean;
  /** Most consumer steps an event may be derived through; beyond it the step is cut. Default 16. */
  hopLimit?: number;
  /** Largest event payload (serialized JSON, bytes). Default 256 KB. */
  maxPayloadBytes?: number;
  /** Most events all producers together may publish per second; the rest are dropped (`rate-cap`). Default: no cap. */
  maxEventsPerSec?: number;
  /** Wall-clock bound of one JSONata evaluation. Default 100 ms. */
  transformTimeoutMs?: number;
  /** Most JSONata evaluation depth (recursion). Default 200. */
  transformMaxDepth?: number;
  /**
   * Most events one fire may ask for (count × burst size), and most a producer may still owe
   * from earlier fires. Default 100,000. Emission is sliced either way (see ProducerRunner).
   */
  maxFireEvents?: number;
  /**
   * Memory budget of the run's events (estimated bytes): topic logs may hold three quarters of
   * it together (the oldest events of the run go first beyond it), the delivery history keeps
   * payloads of the rest (older records keep their ids only). Default: no budget.
   */
  maxMemoryBytes?: number;
  /**
   * Render at most this many payloads per producer and reuse them in turn (0 = a fresh
   * payload per event). Simulations use it: payload content only decides partition keys and
   * filters, and fake-data rendering would otherwise dominate their cost. Default 0.
   */
  payloadPool?: number;
}

export type ResolvedOptions = Required<RunOptions>;

/** Fills in defaults and clamps nonsense (the caller may pass user input). */
export function resolveOptions(options: RunOptions = {}): ResolvedOptions {
  const positive = (v: number | undefined, fallback: number) =>
    v !== undefined && Number.isFinite(v) && v > 0 ? v : fallback;
  return {
    historySize: Math.floor(positive(options.historySize, 100_000)),
    recordsEnabled: options.recordsEnabled ?? true,
    hopLimit: Math.floor(positive(options.hopLimit, 16)),
    maxPayloadBytes: Math.floor(positive(options.maxPayloadBytes, 256 * 1024)),
    maxEventsPerSec: positive(options.maxEventsPerSec, Infinity),
    transformTimeoutMs: positive(options.transformTimeoutMs, 100),
    transformMaxDepth: Math.floor(positive(options.transformMaxDepth, 200)),
    maxFireEvents: Math.floor(positive(options.maxFireEvents, 100_000)),
    maxMemoryBytes: positive(options.maxMemoryBytes, Infinity),
    payloadPool: Math.floor(positive(options.payloadPool, 0)),
  };
}
