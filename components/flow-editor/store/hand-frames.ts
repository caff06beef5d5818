import type { FrameClock } from "./frame-coalesced";

/** Frames drawn by hand, for tests: `draw()` runs every callback waiting for the next frame. */
export function handFrames() {
  const waiting = new Map<number, () => void>();
  let next = 1;
  const frames: FrameClock = {
    request: (callback) => {
      waiting.set(next, callback);
      return next++;
    },
    cancel: (handle) => waiting.delete(handle),
  };
  const draw = () => {
    const due = [...waiting.values()];
    waiting.clear();
    due.forEach((callback) => callback());
  };
  return { frames, draw, waiting };
}
