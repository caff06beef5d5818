import type { StoreApi } from "zustand/vanilla";
import { browserFrames, type FrameClock } from "./frame-coalesced";

/**
 * Lets a store change quietly: `quietly(change)` sets state at once (getState reads it) but tells
 * the listeners at the next frame, once for however many quiet changes came meanwhile, with the
 * state before the first of them as the previous one. A change made the ordinary way still tells
 * them at once (and a listener told then is not told again at the frame).
 *
 * Other people's edits arrive a hundred times a second on a busy flow; told of each, every node on
 * the canvas ran its selectors and React checked them a hundred times a second, which kept a
 * watching browser's main thread busy. Quiet, they run once a frame, when it is drawn anyway.
 * Replaces the store's `subscribe`: call it before anything subscribes.
 */
export function quietChanges<S>(store: StoreApi<S>, frames: FrameClock = browserFrames) {
  let quiet = false;
  let frame: number | null = null;
  /** A way to tell each listener with quiet changes it has not been told of. */
  const untold = new Set<() => void>();
  const onFrame = () => {
    frame = null;
    for (const tell of [...untold]) tell();
  };
  const subscribe = store.subscribe;
  store.subscribe = (listener) => {
    /** The state before the first change this listener was not told of. */
    let before: { state: S } | null = null;
    const takeBefore = (prev: S) => {
      const first = before ? before.state : prev;
      before = null;
      untold.delete(tell);
      return first;
    };
    const tell = () => listener(store.getState(), takeBefore(store.getState()));
    const unsubscribe = subscribe((state, prev) => {
      if (!quiet) return listener(state, takeBefore(prev));
      if (before) return;
      before = { state: prev };
      untold.add(tell);
      frame ??= frames.request(onFrame);
    });
    return () => {
      unsubscribe();
      untold.delete(tell);
    };
  };
  return {
    quietly(change: () => void) {
      quiet = true;
      try {
        change();
      } finally {
        quiet = false;
      }
    },
  };
}
