import { describe, expect, it } from "vitest";
import { LEVELS, trafficLevel, trafficSeconds, trafficWidth } from "./traffic-style";

describe("edge traffic look", () => {
  it("draws nothing without traffic", () => {
    expect(trafficLevel(undefined)).toBe(0);
    expect(trafficLevel(0)).toBe(0);
    expect(trafficLevel(0.05)).toBe(0);
    expect(trafficWidth(0)).toBe(0);
  });

  it("grows with the rate in a few steps, up to the top level", () => {
    const levels = [0.1, 1, 3, 10, 30, 100, 10_000].map(trafficLevel);
    expect(levels).toEqual([1, 2, 3, 4, 5, 6, 6]);
    expect(Math.max(...levels)).toBe(LEVELS);
  });

  it("is wider and faster the more traffic there is", () => {
    for (let l = 1; l < LEVELS; l++) {
      expect(trafficWidth(l + 1)).toBeGreaterThan(trafficWidth(l));
      expect(trafficSeconds(l + 1)).toBeLessThan(trafficSeconds(l));
      expect(trafficSeconds(l + 1)).toBeGreaterThan(0);
    }
  });
});
