import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/** A picture to draw: a plain element tree ({ type, props }) and the PNG's size. */
export interface PreviewJob {
  tree: unknown;
  width: number;
  height: number;
}

export type PreviewOutcome =
  | { ok: true; png: Uint8Array<ArrayBuffer> }
  | { ok: false; reason: "preview-timeout" | "preview-out-of-memory" | `preview-error: ${string}` };

export interface PreviewPoolOptions {
  /** Processes drawing at once (default 1). */
  size?: number;
  /** Longest one picture may take; the process is killed past it (`preview-timeout`). */
  timeoutMs: number;
  /** Heap of each process (MB); a picture needing more fails with `preview-out-of-memory`. */
  memoryMb: number;
}

export interface PreviewPoolStats {
  drawn: number;
  timedOut: number;
  outOfMemory: number;
  /** Processes started to replace killed or crashed ones. */
  restarts: number;
}

export interface PreviewPool {
  draw(job: PreviewJob): Promise<PreviewOutcome>;
  stats(): PreviewPoolStats;
  /** Process ids of the drawing processes started so far (for tests that stop one). */
  pids(): number[];
  close(): void;
}

interface Pending {
  job: PreviewJob;
  resolve: (outcome: PreviewOutcome) => void;
}

type Answer = { ready: true } | { id: number; png?: Uint8Array<ArrayBuffer>; error?: string };

const CHILD_PATH = fileURLToPath(new URL("./preview-child.mjs", import.meta.url));

/**
 * Draws link-preview pictures in child processes, so the server's event loop never waits on
 * text layout or rasterising: each process draws one picture at a time, under a hard time
 * limit (SIGKILL, then a fresh process) and a heap limit. Callers bound how many pictures they
 * ask for at once (preview-renders.ts); pictures asked for while every process is busy wait here.
 */
export function createPreviewPool(options: PreviewPoolOptions): PreviewPool {
  const queue: Pending[] = [];
  const stats: PreviewPoolStats = { drawn: 0, timedOut: 0, outOfMemory: 0, restarts: 0 };
  let closed = false;
  let nextId = 1;

  class Slot {
    /** Started on the first picture asked for, so a server nobody asks for previews runs none. */
    child: ChildProcess | undefined;
    ready = false;
    current: (Pending & { id: number }) | undefined;
    timer: ReturnType<typeof setTimeout> | undefined;

    spawn(): void {
      this.ready = false;
      const child = fork(CHILD_PATH, [], {
        execArgv: [`--max-old-space-size=${options.memoryMb}`, "--max-semi-space-size=8"],
        serialization: "advanced",
        stdio: ["ignore", "ignore", "ignore", "ipc"],
      });
      this.child = child;
      // An idle process never keeps the server (or a test) alive; see holdOpen.
      child.unref();
      child.channel?.unref();
      child.on("message", (answer: Answer) => this.heard(answer));
      child.on("exit", (code, signal) =>
        this.lost(child, code === 134 || signal === "SIGABRT" || signal === "SIGTRAP"),
      );
      child.on("error", () => this.lost(child, false));
    }

    heard(answer: Answer): void {
      if ("ready" in answer) {
        this.ready = true;
        return dispatch();
      }
      const current = this.current;
      if (current === undefined || answer.id !== current.id) return;
      this.settle();
      if (answer.png !== undefined) {
        stats.drawn++;
        current.resolve({ ok: true, png: answer.png });
      } else current.resolve({ ok: false, reason: `preview-error: ${answer.error ?? "unknown"}` });
      dispatch();
    }

    send(pending: Pending): void {
      const id = nextId++;
      this.current = { ...pending, id };
      this.timer = setTimeout(() => {
        stats.timedOut++;
        this.replace({ ok: false, reason: "preview-timeout" });
      }, options.timeoutMs);
      this.child!.send({ id, ...pending.job });
    }

    /** The process died: the picture it was drawing fails; the next picture asked for starts another. */
    lost(child: ChildProcess | undefined, outOfMemory: boolean): void {
      if (child !== this.child || closed) return;
      if (this.current !== undefined) {
        if (outOfMemory) stats.outOfMemory++;
        this.replace({
          ok: false,
          reason: outOfMemory ? "preview-out-of-memory" : "preview-error: the drawing process stopped",
        });
        return;
      }
      // It could not even start (a heap too small, a broken install): whoever waits is told,
      // rather than starting it again in a tight loop.
      if (!this.ready)
        for (const pending of queue.splice(0))
          pending.resolve({ ok: false, reason: "preview-error: the drawing process could not start" });
      stats.restarts++;
      this.child = undefined;
      this.ready = false;
    }

    private replace(outcome: PreviewOutcome): void {
      const current = this.current!;
      this.settle();
      const old = this.child!;
      old.removeAllListeners();
      old.kill("SIGKILL");
      this.restart();
      current.resolve(outcome);
    }

    private restart(): void {
      stats.restarts++;
      this.spawn();
      holdOpen();
    }

    private settle(): void {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.current = undefined;
    }
  }

  const slots = Array.from({ length: options.size ?? 1 }, () => new Slot());

  function dispatch(): void {
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (slot.child === undefined) slot.spawn();
      else if (slot.ready && slot.current === undefined) slot.send(queue.shift()!);
    }
    holdOpen();
  }

  /** While pictures are wanted the channels are referenced, so awaiting one keeps Node running. */
  function holdOpen(): void {
    for (const slot of slots) {
      if (slot.current !== undefined || queue.length > 0) slot.child?.channel?.ref();
      else slot.child?.channel?.unref();
    }
  }

  return {
    draw(job) {
      if (closed) return Promise.resolve({ ok: false, reason: "preview-error: the server is shutting down" });
      return new Promise<PreviewOutcome>((resolve) => {
        queue.push({ job, resolve });
        dispatch();
      });
    },
    stats: () => ({ ...stats }),
    pids: () => slots.flatMap((slot) => (slot.child?.pid === undefined ? [] : [slot.child.pid])),
    close() {
      closed = true;
      const stopping: PreviewOutcome = { ok: false, reason: "preview-error: the server is shutting down" };
      for (const pending of queue.splice(0)) pending.resolve(stopping);
      for (const slot of slots) {
        const current = slot.current;
        clearTimeout(slot.timer);
        slot.current = undefined;
        current?.resolve(stopping);
        slot.child?.removeAllListeners();
        slot.child?.kill("SIGKILL");
      }
    },
  };
}
