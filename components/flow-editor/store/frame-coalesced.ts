/** A store's subscribe: calls `listener` after changes until the returned function is called. */
export type Subscribe = (listener: () => void) => () => void;

/** When the next frame is drawn (requestAnimationFrame, or about 60 a second where there is none). */
export interface FrameClock {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

export const browserFrames: FrameClock =
  typeof requestAnimationFrame === "function"
    ? {
        request: (callback) => requestAnimationFrame(callback),
        cancel: (handle) => cancelAnimationFrame(handle),
      }
    : {
        request: (callback) => setTimeout(callback, 16) as unknown as number,
        cancel: (handle) => clearTimeout(handle),
      };

/**
 * `subscribe`, telling its listeners at most once per frame: the first change since the last
 * frame at once (a drag renders as it moves), the ones after it in one call when the next frame
 * is about to be drawn. What a frame shows is then the same, but 100 changes a second from other
 * people no longer render a costly view 100 times a second.
 */
export function frameCoalesced(subscribe: Subscribe, frames: FrameClock = browserFrames): Subscribe {
  return (listener) => {
    let frame: number | null = null;
    let pending = false;
    const onFrame = () => {
      frame = null;
      if (!pending) return;
      pending = false;
      listener();
      frame = frames.request(onFrame);
    };
    const unsubscribe = subscribe(() => {
      if (frame !== null) {
        pending = true;
        return;
      }
      listener();
      frame = frames.request(onFrame);
    });
    return () => {
      unsubscribe();
      if (frame !== null) frames.cancel(frame);
      frame = null;
    };
  };
}
