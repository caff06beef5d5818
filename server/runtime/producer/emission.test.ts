import { describe, expect, it } from "vitest";
import { producerKind } from "@/lib/flow";
import { nextEmissionMs } from "./emission";

const fixed = (value: number) => ({ next: () => value });

describe("nextEmissionMs", () => {
  it("keeps a metronome rate on the anchor's grid", () => {
    const config = { ...producerKind.defaults(), ratePerSec: 4, jitterPct: 0 };
    expect(nextEmissionMs(config, 1000, 0, 1000, fixed(0.5))).toBe(1250);
    expect(nextEmissionMs(config, 1000, 7, 2999, fixed(0.5))).toBe(3000);
  });

  it("spreads a jittered gap from the previous due time, not from when the timer ran", () => {
    const config = { ...producerKind.defaults(), ratePerSec: 10, jitterPct: 50 };
    // random 1 → spread +50 %: 100 ms × 1.5 after the previous due time.
    expect(nextEmissionMs(config, 0, 3, 300, fixed(1))).toBe(450);
    // random 0 → spread −50 %.
    expect(nextEmissionMs(config, 0, 3, 300, fixed(0))).toBe(350);
  });

  it("uses the interval for interval mode", () => {
    const config = { ...producerKind.defaults(), mode: "interval" as const, intervalMs: 250 };
    expect(nextEmissionMs(config, 100, 2, 600, fixed(0.9))).toBe(850);
  });
});
