import { describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { edge, graph, producer, topic } from "../runtime/testing/flows";
import { configuredEventRate } from "./run-rate";

describe("configuredEventRate", () => {
  it("counts rate, interval and burst producers; manual ones add nothing", () => {
    const g = graph(
      [
        producer("r", { mode: "rate", ratePerSec: 250 }),
        producer("i", { mode: "interval", intervalMs: 500 }),
        producer("b", { mode: "burst", burstCount: 40_000 }),
        producer("m", { mode: "manual" }),
        topic("t"),
      ],
      ["r", "i", "b", "m"].map((p) => edge("publishes", p, "t")),
    ) as FlowGraph;
    expect(configuredEventRate(g)).toBe(250 + 2 + 40_000);
  });
});
