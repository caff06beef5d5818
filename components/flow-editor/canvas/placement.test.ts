import { describe, expect, it } from "vitest";
import { freeSpot, type Rect } from "./placement";

const card = { width: 208, height: 80 };
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("freeSpot", () => {
  it("centres the card on the point when nothing is there", () => {
    expect(freeSpot({ x: 500, y: 300 }, card, [])).toEqual({ x: 396, y: 260 });
  });

  it("never lands on an existing card, and stays near the centre", () => {
    const occupied: Rect[] = [{ x: 396, y: 260, ...card }];
    const placed: Rect[] = [];
    for (let i = 0; i < 6; i++) {
      const spot = { ...freeSpot({ x: 500, y: 300 }, card, [...occupied, ...placed]), ...card };
      for (const other of [...occupied, ...placed]) expect(overlap(spot, other)).toBe(false);
      expect(Math.hypot(spot.x - 396, spot.y - 260)).toBeLessThan(700);
      placed.push(spot);
    }
  });
});
