import { describe, expect, it } from "vitest";
import { createStore } from "zustand/vanilla";
import { handFrames } from "./hand-frames";
import { quietChanges } from "./quiet-changes";

/** A store of one number with quiet changes, frames drawn by hand, and what a listener was told. */
function setUp() {
  const store = createStore<{ n: number }>()(() => ({ n: 0 }));
  const { frames, draw, waiting } = handFrames();
  const { quietly } = quietChanges(store, frames);
  const told: [number, number][] = [];
  const unsubscribe = store.subscribe((state, prev) => told.push([prev.n, state.n]));
  const set = (n: number) => store.setState({ n });
  return { store, quietly, told, draw, set, unsubscribe, waiting };
}

describe("quiet store changes", () => {
  it("are read at once but told at the next frame, once, from the state before the first", () => {
    const { store, quietly, told, draw, set } = setUp();
    quietly(() => set(1));
    quietly(() => set(2));
    quietly(() => set(3));
    expect(store.getState().n).toBe(3);
    expect(told).toEqual([]);
    draw();
    expect(told).toEqual([[0, 3]]);
    draw();
    expect(told).toEqual([[0, 3]]);
  });

  it("an ordinary change is told at once, with the quiet ones before it, and the frame then tells nothing more", () => {
    const { quietly, told, draw, set } = setUp();
    quietly(() => set(1));
    set(2);
    expect(told).toEqual([[0, 2]]);
    draw();
    expect(told).toEqual([[0, 2]]);
    quietly(() => set(5));
    draw();
    expect(told).toEqual([
      [0, 2],
      [2, 5],
    ]);
  });

  it("tells every listener, and none that left", () => {
    const { store, quietly, told, draw, set, unsubscribe } = setUp();
    const other: number[] = [];
    store.subscribe((state) => other.push(state.n));
    quietly(() => set(7));
    unsubscribe();
    draw();
    expect(told).toEqual([]);
    expect(other).toEqual([7]);
  });

  it("asks for one frame however many quiet changes and listeners", () => {
    const { store, quietly, set, waiting } = setUp();
    store.subscribe(() => {});
    for (let n = 1; n <= 10; n++) quietly(() => set(n));
    expect(waiting.size).toBe(1);
  });
});
