import { expect, it } from "vitest";
import { consumer, edge, graph, producer } from "../../runtime/testing/flows";
import { eventually, settle } from "../testing/backends";
import { acked, brokerContract, counts } from "../testing/contract";

/** The broker contract (every backend, exact counts): filters, transform, reply with correlation. */
brokerContract("filters, transform, reply with correlation", ({ t, start }) => {
  it("filters, transforms and replies with the request's correlation id", async () => {
    const run = start(
      graph(
        [
          producer("p", { payloadTemplate: '{"qty":{{seq}}}' }),
          t("in"),
          t("out"),
          t("replies"),
          consumer("big", {
            action: "transform",
            transformExpression: '{ "double": data.qty * 2 }',
          }),
          consumer("svc", { action: "reply" }),
          consumer("sink"),
          consumer("caller"),
        ],
        [
          edge("publishes", "p", "in"),
          edge("subscribes", "in", "big", { filter: { data: { qty: [{ numeric: [">", 2] }] } } }),
          edge("emits", "big", "out"),
          edge("subscribes", "out", "sink"),
          edge("subscribes", "in", "svc"),
          edge("replies", "svc", "replies"),
          edge("subscribes", "replies", "caller"),
        ],
      ),
    );
    run.fire("p", 5);
    await eventually(
      () => [acked(run, "sink"), acked(run, "caller")],
      ([a, b]) => a === 3 && b === 5,
    );
    await settle();
    expect(counts(run, "big")).toEqual({ delivered: 3, acked: 3, filtered: 2, published: 3 });
    const doubled = run.history
      .query({ nodeId: "sink", outcome: "acked" })
      .map((r) => (run.getEvent(r.eventId)?.data as { double: number }).double);
    expect(doubled.sort((a, b) => a - b)).toEqual([6, 8, 10]);
    const requests = new Set(run.history.query({ nodeId: "p", outcome: "published" }).map((r) => r.eventId));
    const replies = run.history.query({ nodeId: "caller", outcome: "acked" });
    expect(replies.map((r) => requests.has(r.correlationId!))).toEqual([true, true, true, true, true]);
  });
});
