import { fork, type ChildProcess } from "node:child_process";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import type { TransformEvaluator, TransformOutcome, TransformRequest } from "../runtime";

export interface TransformPoolOptions {
  /** Processes; default: one per core beyond the server's own, at least 1, at most 4. */
  size?: number;
  /** Heap of each process (MB); a transform needing more fails with `transform-out-of-memory`. */
  memoryMb?: number;
  /** Most transforms sent to a process in one message. */
  maxBatch?: number;
}

/** What the pool has done, for tests, health and benchmarks. */
export interface TransformPoolStats {
  evaluated: number;
  timedOut: number;
  outOfMemory: number;
  /** Processes started to replace killed or crashed ones. */
  restarts: number;
  queued: number;
}

export type TransformPool = TransformEvaluator & { stats(): TransformPoolStats; close(): Promise<void> };

interface Job {
  request: TransformRequest;
  resolve: (outcome: TransformOutcome) => void;
}

type Answer =
  { ready: true } | { id: number; index: number; result: { ok: boolean; text?: string; reason?: string } };

const CHILD_PATH = fileURLToPath(new URL("./transform-child.mjs", import.meta.url));
const SHUTTING_DOWN: TransformOutcome = { ok: false, reason: "transform-error: the server is shutting down" };

/**
 * Evaluates JSONata transforms in a pool of child processes with a hard time limit: each
 * item is answered as soon as it is done, and a process whose current item has run past its
 * `timeoutMs` is killed (SIGKILL stops even a native regex) and replaced; that item fails
 * with `transform-timeout`, the rest of its batch goes to the new process. Processes, not
 * worker threads: a thread that hits its heap limit inside a native builtin (flattening a
 * doubled string) aborts the whole server, while a process only takes itself down, and the
 * item it was on fails with `transform-out-of-memory`. Requests made in one turn of the event
 * loop go out as one message per process.
 */
export function createTransformPool(options: TransformPoolOptions = {}): TransformPool {
  const size = options.size ?? Math.min(4, Math.max(1, availableParallelism() - 1));
  const memoryMb = options.memoryMb ?? 64;
  const maxBatch = options.maxBatch ?? 256;
  const queue: Job[] = [];
  const stats: TransformPoolStats = { evaluated: 0, timedOut: 0, outOfMemory: 0, restarts: 0, queued: 0 };
  let flushPending = false;
  let closed = false;
  let nextBatchId = 1;

  class Slot {
    child!: ChildProcess;
    ready = false;
    batch: Job[] | undefined;
    batchId = 0;
    /** Items of the batch answered so far; the next one is the one running. */
    answered = 0;
    /** When the running item began, at the latest (the previous answer's arrival). */
    itemSince = 0;
    watchdog: ReturnType<typeof setInterval> | undefined;

    constructor() {
      this.spawn();
    }

    spawn(): void {
      this.ready = false;
      const child = fork(CHILD_PATH, [], {
        execArgv: [`--max-old-space-size=${memoryMb}`, "--max-semi-space-size=8", "--stack-size=2048"],
        serialization: "json",
        stdio: ["ignore", "ignore", "ignore", "ipc"],
      });
      this.child = child;
      // Idle processes never keep the server (or a test) alive; see holdOpen.
      child.unref();
      child.channel?.unref();
      child.on("message", (answer: Answer) => this.heard(answer));
      child.on("exit", (code, signal) =>
        this.lost(child, code === 134 || signal === "SIGABRT" || signal === "SIGTRAP"),
      );
      child.on("error", () => this.lost(child, false));
    }

    send(batch: Job[]): void {
      this.batch = batch;
      this.batchId = nextBatchId++;
      this.answered = 0;
      this.itemSince = performance.now();
      this.child.send({ id: this.batchId, items: batch.map((job) => job.request) });
      const shortest = batch.reduce((min, job) => Math.min(min, job.request.timeoutMs), Infinity);
      this.watchdog = setInterval(() => this.check(), Math.max(5, shortest / 4));
      this.watchdog.unref();
    }

    heard(answer: Answer): void {
      if ("ready" in answer) {
        this.ready = true;
        return dispatch();
      }
      const batch = this.batch;
      if (batch === undefined || answer.id !== this.batchId || answer.index !== this.answered) return;
      this.answered++;
      this.itemSince = performance.now();
      stats.evaluated++;
      batch[answer.index].resolve(toOutcome(answer.result));
      if (this.answered === batch.length) {
        this.settle();
        dispatch();
      }
    }

    /** Kills the process when its current item has run past that item's time limit. */
    check(): void {
      const current = this.batch?.[this.answered];
      if (current === undefined || performance.now() - this.itemSince < current.request.timeoutMs) return;
      stats.timedOut++;
      this.replace("transform-timeout");
    }

    /** The process died (heap limit, crash): the item it was on fails, the rest go again. */
    lost(child: ChildProcess, outOfMemory: boolean): void {
      if (child !== this.child || closed) return;
      if (this.batch === undefined) {
        stats.restarts++;
        this.spawn();
        return;
      }
      if (outOfMemory) stats.outOfMemory++;
      this.replace(
        outOfMemory ? "transform-out-of-memory" : "transform-error: the transform's process stopped",
      );
    }

    private replace(reason: string): void {
      const batch = this.batch!;
      const failed = batch[this.answered];
      const rest = batch.slice(this.answered + 1);
      this.settle();
      const old = this.child;
      old.removeAllListeners();
      old.kill("SIGKILL");
      stats.restarts++;
      this.spawn();
      failed?.resolve({ ok: false, reason });
      // Unanswered items go first again: order within a consumer group is kept.
      queue.unshift(...rest);
      dispatch();
    }

    private settle(): void {
      if (this.watchdog) clearInterval(this.watchdog);
      this.watchdog = undefined;
      this.batch = undefined;
    }
  }

  const slots: Slot[] = [];
  for (let i = 0; i < size; i++) slots.push(new Slot());

  function dispatch(): void {
    flushPending = false;
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (slot.ready && slot.batch === undefined) slot.send(queue.splice(0, maxBatch));
    }
    holdOpen();
  }

  /** While work is outstanding the channels are referenced, so awaiting a result keeps Node running. */
  function holdOpen(): void {
    const waiting = queue.length > 0;
    for (const slot of slots) {
      if (slot.batch !== undefined || waiting) slot.child.channel?.ref();
      else slot.child.channel?.unref();
    }
  }

  return {
    evaluate(request) {
      if (closed) return Promise.resolve(SHUTTING_DOWN);
      return new Promise<TransformOutcome>((resolve) => {
        queue.push({ request, resolve });
        if (!flushPending) {
          flushPending = true;
          // Everything asked for in this turn of the event loop goes out together.
          queueMicrotask(dispatch);
        }
      });
    },
    stats: () => ({ ...stats, queued: queue.length }),
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve(SHUTTING_DOWN);
      for (const slot of slots) {
        const unanswered = slot.batch?.slice(slot.answered) ?? [];
        if (slot.watchdog) clearInterval(slot.watchdog);
        slot.batch = undefined;
        unanswered.forEach((job) => job.resolve(SHUTTING_DOWN));
        slot.child.removeAllListeners();
        slot.child.kill("SIGKILL");
      }
    },
  };
}

function toOutcome(result: { ok: boolean; text?: string; reason?: string }): TransformOutcome {
  if (!result.ok) return { ok: false, reason: result.reason ?? "transform-error" };
  return { ok: true, value: result.text === undefined ? undefined : JSON.parse(result.text) };
}
