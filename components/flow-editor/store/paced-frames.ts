import { browserFrames, type FrameClock } from "./frame-coalesced";

/** How a paced clock tells time: now (ms), a wait, and a call once the frame being drawn is done. */
export interface Stopwatch {
  now(): number;
  wait(ms: number, callback: () => void): () => void;
  afterFrame(callback: () => void): void;
}

/**
 * Calls `callback` once the frame being drawn is done: a message posted from a frame's callback is
 * handled after the page has drawn that frame. One channel for the page, its messages in order.
 */
function messageAfterFrame(): (callback: () => void) => void {
  let channel: MessageChannel | null = null;
  const queued: (() => void)[] = [];
  return (callback) => {
    if (!channel) {
      channel = new MessageChannel();
      channel.port1.onmessage = () => queued.shift()?.();
    }
    queued.push(callback);
    channel.port2.postMessage(null);
  };
}

export const browserStopwatch: Stopwatch = {
  now: () => performance.now(),
  wait: (ms, callback) => {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
  afterFrame:
    typeof MessageChannel === "function" ? messageAfterFrame() : (callback) => setTimeout(callback, 0),
};

/** A frame whose work (callback, render, style, layout, paint) fits in this long needs no rest. */
export const FRAME_BUDGET_MS = 16;
/**
 * The longest rest: what follows a frame's callback until it is drawn may be the page's own work
 * (a layout of the whole flow), and others' edits still show at least five times a second.
 */
export const MAX_REST_MS = 200;

/**
 * `frames`, resting after costly frames: when a callback's frame took longer than a frame's budget
 * to draw, the next callback waits as long again before it asks for a frame. What it draws then
 * holds everything that came meanwhile, and at most about half of the page's main thread goes to
 * it, leaving the rest to what the person does. Cheap frames pass at every frame as before.
 *
 * Used for other people's edits: on a 500-node flow a frame showing one of their moves costs
 * 30–44 ms here; unpaced, 100 moves a second kept a watching page's main thread busy all the time.
 */
export function pacedFrames(
  frames: FrameClock = browserFrames,
  watch: Stopwatch = browserStopwatch,
): FrameClock {
  let restUntil = 0;
  let next = 1;
  /** How to call off each callback not yet run: its wait, then its frame. */
  const pending = new Map<number, () => void>();
  const run = (handle: number, callback: () => void) => {
    pending.delete(handle);
    const start = watch.now();
    callback();
    watch.afterFrame(() => {
      const drawn = watch.now();
      const cost = drawn - start;
      restUntil = cost > FRAME_BUDGET_MS ? drawn + Math.min(cost, MAX_REST_MS) : 0;
    });
  };
  const askFrame = (handle: number, callback: () => void) => {
    const frame = frames.request(() => run(handle, callback));
    pending.set(handle, () => frames.cancel(frame));
  };
  return {
    request(callback) {
      const handle = next++;
      const rest = restUntil - watch.now();
      if (rest <= 0) askFrame(handle, callback);
      else
        pending.set(
          handle,
          watch.wait(rest, () => askFrame(handle, callback)),
        );
      return handle;
    },
    cancel(handle) {
      pending.get(handle)?.();
      pending.delete(handle);
    },
  };
}
