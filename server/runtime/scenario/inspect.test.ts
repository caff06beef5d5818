import { describe, expect, it } from "vitest";
import { POISON_SUBJECT } from "@/lib/events";
import { consumer, edge, graph, producer, topic } from "../testing/flows";
import { inspectScenarioAt } from "./inspect";

describe("inspectScenarioAt", () => {
  it("replays up to the moment and shows its deliveries, failures first in the traces", async () => {
    const g = {
      ...graph(
        [
          producer("p", { mode: "rate", ratePerSec: 10 }),
          topic("t"),
          consumer("c", {
            retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 100, maxDelayMs: 100 },
          }),
          topic("dlq"),
        ],
        [edge("publishes", "p", "t"), edge("subscribes", "t", "c"), edge("dead-letters", "c", "dlq")],
      ),
      scenarios: [
        {
          id: "s",
          name: "Poison",
          durationMs: 10_000,
          steps: [{ atMs: 5_000, action: "inject-poison" as const, nodeId: "p", count: 1 }],
          expectations: [{ kind: "dead-letters-below" as const, maxPct: 0 }],
        },
      ],
    };
    const view = await inspectScenarioAt(g, "s", 5_000, { nodeId: "c" });
    if (!view.ok) throw new Error(view.error.message);
    expect(view.value).toMatchObject({ atMs: 5_000, fromMs: 3_000, toMs: 6_000 });
    // 31 plain events (3.0 s … 6.0 s, delivered + acked) and the poison one's seven steps at c
    // (two attempts of delivered, failed; retry-scheduled; dead-lettered; the dead letter published).
    expect(view.value.records).toHaveLength(31 * 2 + 7);
    expect(view.value.records.every((r) => r.atMs >= 3_000 && r.atMs <= 6_000 && r.nodeId === "c")).toBe(
      true,
    );
    const poison = view.value.traces[0];
    expect(poison.events[0].subject).toBe(POISON_SUBJECT);
    // A publish has no attempt.
    expect(poison.records.map((r) => `${r.outcome}@${r.atMs}#${r.attempt}`)).toEqual([
      "published@5000#undefined",
      "delivered@5000#1",
      "failed@5000#1",
      "retry-scheduled@5000#1",
      "delivered@5100#2",
      "failed@5100#2",
      "dead-lettered@5100#2",
      "published@5100#undefined",
    ]);
    expect(poison.records.find((r) => r.outcome === "failed")?.reason).toBe("poison");
    expect(view.value.traces).toHaveLength(5);
  });
});
