import { describe, expect, it } from "vitest";
import { dashScale, scaledDashArray } from "./dash-scale";

describe("the length edge dashes are drawn at", () => {
  it("is the pattern's own from zoom 0.5 up", () => {
    expect([0.5, 0.75, 1, 2].map(dashScale)).toEqual([1, 1, 1, 1]);
  });

  it("doubles each time the zoom halves below 0.5, so a dash keeps half to all its length on screen", () => {
    expect([0.49, 0.25, 0.24, 0.125, 0.1, 0.0625, 0.05].map(dashScale)).toEqual([2, 2, 4, 4, 8, 8, 16]);
    for (let zoom = 0.05; zoom < 0.5; zoom += 0.01) {
      const onScreen = zoom * dashScale(zoom);
      expect(onScreen).toBeGreaterThanOrEqual(0.5);
      expect(onScreen).toBeLessThan(1);
    }
  });

  it("stops at 16 times, past the canvas's smallest zoom (0.05)", () => {
    expect(dashScale(0.01)).toBe(16);
  });

  it("is the pattern's own for a zoom that is not a positive number", () => {
    expect([0, -1, Number.NaN].map(dashScale)).toEqual([1, 1, 1]);
  });

  it("is written as a dash array that reads the canvas's scale, 1 where none is set", () => {
    expect(scaledDashArray(7, 5)).toBe("calc(7px * var(--el-dash, 1)) calc(5px * var(--el-dash, 1))");
  });
});
