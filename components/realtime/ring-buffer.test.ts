import { describe, expect, it } from "vitest";
import { Ring } from "./ring-buffer";

describe("Ring", () => {
  it("reads newest first and keeps at most its capacity", () => {
    const ring = new Ring<number>(3);
    ring.push([1, 2]);
    expect([ring.at(0), ring.at(1), ring.size]).toEqual([2, 1, 2]);
    ring.push([3, 4, 5]);
    expect(ring.size).toBe(3);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect([ring.newest(), ring.oldest(), ring.at(3), ring.at(-1)]).toEqual([5, 3, undefined, undefined]);
    expect(ring.pushed).toBe(5);
  });

  it("takes only the newest items of a push larger than the capacity", () => {
    const ring = new Ring<number>(4);
    ring.push([0]);
    ring.push(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(ring.toArray()).toEqual([7, 8, 9, 10]);
    expect(ring.pushed).toBe(11);
  });

  it("holds 100,000 rows cap under a million pushes", () => {
    const ring = new Ring<number>(100_000);
    for (let batch = 0; batch < 1_000; batch++)
      ring.push(Array.from({ length: 1_000 }, (_, i) => batch * 1_000 + i));
    expect(ring.size).toBe(100_000);
    expect(ring.newest()).toBe(999_999);
    expect(ring.oldest()).toBe(900_000);
  });

  it("clears", () => {
    const ring = new Ring<number>(2);
    ring.push([1, 2, 3]);
    ring.clear();
    expect([ring.size, ring.pushed, ring.newest()]).toEqual([0, 0, undefined]);
    expect(() => new Ring(0)).toThrow(RangeError);
  });
});
