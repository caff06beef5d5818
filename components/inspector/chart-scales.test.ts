import { describe, expect, it } from "vitest";
import { chartHeight, formatAgo, formatAxisLatency, formatAxisNumber, timeSplits } from "./chart-scales";

describe("timeSplits", () => {
  it("counts back from now in steps whose labels fit the plot's width", () => {
    // 600 s over 640 px leaves room for 10 labels: one a minute
    expect(timeSplits(1000, 1600, 640)).toEqual([
      1000, 1060, 1120, 1180, 1240, 1300, 1360, 1420, 1480, 1540, 1600,
    ]);
    // the same span over 200 px (3 labels): every five minutes
    expect(timeSplits(1000, 1600, 200)).toEqual([1000, 1300, 1600]);
  });

  it("uses the smallest step for a young run and stays inside the scale", () => {
    expect(timeSplits(940, 1000, 640)).toEqual([940, 950, 960, 970, 980, 990, 1000]);
    expect(timeSplits(955, 1000, 640)).toEqual([960, 970, 980, 990, 1000]);
  });

  it("falls back to one tick at now for an empty span or an unmeasured plot", () => {
    expect(timeSplits(1000, 1000, 640)).toEqual([1000]);
    expect(timeSplits(900, 1000, 0)).toEqual([1000]);
  });
});

describe("labels", () => {
  it("names time ticks relative to now", () => {
    expect([0, 30, 60, 90, 300].map(formatAgo)).toEqual(["now", "−30 s", "−1 min", "−1.5 min", "−5 min"]);
  });

  it("keeps value labels short", () => {
    expect([0, 0.25, 7.5, 12, 1234, 3_400_000].map(formatAxisNumber)).toEqual([
      "0",
      "0.25",
      "7.5",
      "12",
      "1.2K",
      "3.4M",
    ]);
  });

  it("reads latency in ms below a second and in s above", () => {
    expect([0, 250, 1500, 12_000].map(formatAxisLatency)).toEqual(["0", "250 ms", "1.5 s", "12 s"]);
  });
});

describe("chartHeight", () => {
  it("grows with the drawer, sharing it between two rows", () => {
    expect(chartHeight(400, 6)).toBe(148);
    expect(chartHeight(500, 6)).toBe(198);
  });

  it("gives a single row the whole height, within the bounds", () => {
    expect(chartHeight(250, 1)).toBe(198);
    expect(chartHeight(900, 1)).toBe(220);
    expect(chartHeight(120, 4)).toBe(96);
  });
});
