import type { DeliveryBatch, MetricsSnapshot, RunStatus } from "@/lib/realtime/protocol";
import type { LiveStore } from "./create-live-store";

/** A hidden tab gets no animation frames; flush on a timer then, so the queue stays small. */
const FALLBACK_MS = 250;
/** Batches kept while a watch request is in flight, applied after its snapshot. */
const MAX_EARLY_BATCHES = 50;

/**
 * Collects what the socket delivers and applies it to the live store at most once per
 * animation frame: one store update, one React render, however many messages came in.
 * Until the watch snapshot arrives, batches wait and are applied after it without the rows
 * the snapshot already holds.
 */
export class FrameQueue {
  private batches: DeliveryBatch[] = [];
  private metrics: MetricsSnapshot | null = null;
  private status: RunStatus | null = null;
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private watching = false;

  constructor(
    private readonly store: LiveStore,
    private readonly now: () => number = Date.now,
  ) {}

  /** The watch is (re)starting: hold batches until `started`. */
  restart(): void {
    this.watching = false;
    this.batches = [];
    this.metrics = null;
    this.status = null;
  }

  /** The snapshot arrived and reset the store: apply what came meanwhile, minus rows it held. */
  started(lastSnapshotSeq: number): void {
    this.watching = true;
    this.batches = this.batches.map((b) => ({ ...b, rows: b.rows.filter((r) => r.seq > lastSnapshotSeq) }));
    this.schedule();
  }

  pushBatch(batch: DeliveryBatch): void {
    if (!this.watching && this.batches.length >= MAX_EARLY_BATCHES) this.batches.shift();
    this.batches.push(batch);
    if (this.watching) this.schedule();
  }

  pushMetrics(snapshot: MetricsSnapshot): void {
    this.metrics = snapshot;
    if (this.watching) this.schedule();
  }

  pushStatus(status: RunStatus): void {
    this.status = status;
    if (this.watching) this.schedule();
  }

  /** Applies everything queued now (also used by tests). */
  flush = (): void => {
    this.cancel();
    const state = this.store.getState();
    if (this.status) state.applyStatus(this.status);
    if (this.metrics) state.applyMetrics(this.metrics);
    if (this.batches.length > 0) state.applyBatches(this.batches, this.now());
    this.batches = [];
    this.metrics = null;
    this.status = null;
  };

  dispose(): void {
    this.cancel();
    this.restart();
  }

  private schedule(): void {
    if (this.frame !== null || this.timer !== null) return;
    if (typeof requestAnimationFrame === "function") this.frame = requestAnimationFrame(this.flush);
    this.timer = setTimeout(this.flush, FALLBACK_MS);
  }

  private cancel(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
  }
}
