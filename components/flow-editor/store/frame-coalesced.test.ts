import { describe, expect, it } from "vitest";
import { frameCoalesced } from "./frame-coalesced";
import { handFrames } from "./hand-frames";

/** A store that can change, and frames drawn by hand. */
function setUp() {
  const listeners = new Set<() => void>();
  const change = () => listeners.forEach((l) => l());
  const subscribe = (l: () => void) => {
    listeners.add(l);
    return () => listeners.delete(l);
  };
  const { frames, draw, waiting } = handFrames();
  const calls: number[] = [];
  let frame = 0;
  const unsubscribe = frameCoalesced(subscribe, frames)(() => calls.push(frame));
  return {
    change,
    calls,
    waiting,
    listeners,
    unsubscribe,
    draw: () => {
      frame++;
      draw();
    },
  };
}

describe("store changes told at most once per frame", () => {
  it("tells the first change at once and the rest of a frame's changes together before it is drawn", () => {
    const { change, draw, calls } = setUp();
    change();
    expect(calls).toEqual([0]);
    change();
    change();
    expect(calls).toEqual([0]);
    draw();
    expect(calls).toEqual([0, 1]);
    // A frame with no change tells nothing; the next change after it is told at once again.
    draw();
    expect(calls).toEqual([0, 1]);
    draw();
    change();
    expect(calls).toEqual([0, 1, 3]);
    change();
    draw();
    expect(calls).toEqual([0, 1, 3, 4]);
  });

  it("stops listening and drops its waiting frame when unsubscribed", () => {
    const { change, draw, calls, waiting, listeners, unsubscribe } = setUp();
    change();
    change();
    unsubscribe();
    expect(waiting.size).toBe(0);
    expect(listeners.size).toBe(0);
    draw();
    change();
    expect(calls).toEqual([0]);
  });
});
