import { expect, it } from "vitest";
import { consumer, edge, graph, producer } from "../../runtime/testing/flows";
import { eventually, settle } from "../testing/backends";
import { acked, brokerContract, counts } from "../testing/contract";

/** The broker contract (every backend, exact counts): retry with backoff, dead-letter, hop limit. */
brokerContract("retry with backoff, dead-letter, hop limit", ({ t, start }) => {
  it("retries with backoff, then dead-letters with the attempts made", async () => {
    const run = start(
      graph(
        [
          producer("p"),
          t("t"),
          t("dlq"),
          consumer("c", {
            failureRatePct: 100,
            retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 20, maxDelayMs: 40 },
          }),
          consumer("letters"),
        ],
        [
          edge("publishes", "p", "t"),
          edge("subscribes", "t", "c"),
          edge("dead-letters", "c", "dlq"),
          edge("subscribes", "dlq", "letters"),
        ],
      ),
    );
    run.fire("p", 5);
    await eventually(
      () => acked(run, "letters"),
      (n) => n === 5,
    );
    await settle();
    expect(counts(run, "c")).toEqual({
      delivered: 15,
      failed: 15,
      "retry-scheduled": 10,
      "dead-lettered": 5,
      published: 5,
    });
    const attempts = run.history
      .query({ nodeId: "c", outcome: "delivered", limit: 100 })
      .map((r) => r.attempt);
    expect(attempts.filter((a) => a === 1)).toHaveLength(5);
    expect(attempts.filter((a) => a === 3)).toHaveLength(5);
    const letter = run.history.query({ nodeId: "letters", outcome: "acked" })[0];
    expect(run.getEvent(letter.eventId)?.data).toMatchObject({
      reason: "failure-rate",
      attempts: 3,
      group: "c",
    });
  });

  it("cuts a loop at the hop limit", async () => {
    const run = start(
      graph(
        [producer("p"), t("loop"), consumer("x", { action: "transform", transformExpression: "data" })],
        [edge("publishes", "p", "loop"), edge("subscribes", "loop", "x"), edge("emits", "x", "loop")],
      ),
      { hopLimit: 5 },
    );
    run.fire("p", 1);
    await eventually(
      () => counts(run, "x").dropped ?? 0,
      (n) => n === 1,
    );
    await settle();
    expect(counts(run, "x")).toEqual({ delivered: 6, acked: 5, published: 5, dropped: 1 });
    expect(run.history.query({ nodeId: "x", outcome: "dropped" })[0].reason).toBe("hop-limit");
  });
});
