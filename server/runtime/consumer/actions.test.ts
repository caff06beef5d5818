import { describe, expect, it } from "vitest";
import { consumer, countsOf, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";

const transformFlow = (expression: string, extra: Parameters<typeof consumer>[1] = {}) =>
  graph(
    [
      producer("p", { payloadTemplate: '{"qty":{{seq}},"price":2.5}' }),
      topic("in"),
      topic("out"),
      consumer("x", {
        action: "transform",
        transformExpression: expression,
        retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 10, maxDelayMs: 10 },
        ...extra,
      }),
      consumer("sink"),
    ],
    [
      edge("publishes", "p", "in"),
      edge("subscribes", "in", "x"),
      edge("emits", "x", "out"),
      edge("subscribes", "out", "sink"),
    ],
  );

describe("actions", () => {
  it("transform evaluates JSONata on the envelope and emits the result with causationid and correlationid", async () => {
    const { run, time } = startVirtualRun(transformFlow('{ "total": data.qty * data.price, "from": type }'));
    run.fire("p", 2);
    await time.advanceTo(1);
    expect(countsOf(run, "x")).toEqual({ delivered: 2, acked: 2, published: 2 });
    expect(countsOf(run, "sink")).toEqual({ delivered: 2, acked: 2 });
    const [source] = run.history.query({ nodeId: "p", outcome: "published" });
    const emitted = run.history
      .query({ nodeId: "x", outcome: "published" })
      .map((r) => run.getEvent(r.eventId)!);
    expect(emitted.map((e) => e.data)).toEqual([
      { total: 2.5, from: "order.placed" },
      { total: 5, from: "order.placed" },
    ]);
    expect(emitted[0]).toMatchObject({
      type: "order.placed.transformed",
      causationid: source.eventId,
      correlationid: source.eventId,
      hopcount: 1,
    });
  });

  it("a transform error fails the delivery with its reason, retries, then drops", async () => {
    const { run, time } = startVirtualRun(transformFlow('$error("nope")'));
    run.fire("p", 1);
    await time.advanceTo(1000);
    expect(countsOf(run, "x")).toEqual({ delivered: 2, failed: 2, "retry-scheduled": 1, dropped: 1 });
    expect(run.history.query({ nodeId: "x", outcome: "failed" })[0].reason).toBe(
      "transform-error: D3137: nope at 7",
    );
  });

  it("a bad JSONata expression fails each delivery but never the flow", async () => {
    const { run, time } = startVirtualRun(transformFlow("data.qty +* ("));
    run.fire("p", 2);
    await time.advanceTo(1000);
    expect(countsOf(run, "x")).toEqual({ delivered: 4, failed: 4, "retry-scheduled": 2, dropped: 2 });
    expect(run.history.query({ nodeId: "x", outcome: "dropped" })[0].reason).toMatch(
      /^transform-error: S0\d+: /,
    );
    expect(run.status).toBe("running");
  });

  it("a transform is bounded in time and in output size", async () => {
    const { run, time } = startVirtualRun(
      transformFlow("( $f := function($n) { $n = 0 ? 0 : $f($n - 1) + 1 }; $f(100000) )"),
      { transformTimeoutMs: 50, transformMaxDepth: 100 },
    );
    run.fire("p", 1);
    await time.advanceTo(1000);
    expect(run.history.query({ nodeId: "x", outcome: "dropped" })[0].reason).toMatch(
      /^transform-error: (D1011|D1012)/,
    );
    const big = startVirtualRun(transformFlow('$pad("", 300000, "x")'));
    big.run.fire("p", 1);
    await big.time.advanceTo(1000);
    expect(big.run.history.query({ nodeId: "x", outcome: "failed" }).map((r) => r.reason)).toEqual([
      "payload-too-large",
      "payload-too-large",
    ]);
  });

  it("reply publishes a response carrying the request's correlationid to the replies topic", () => {
    const g = graph(
      [producer("p"), topic("req"), topic("rep"), consumer("svc", { action: "reply" }), consumer("caller")],
      [
        edge("publishes", "p", "req"),
        edge("subscribes", "req", "svc"),
        edge("replies", "svc", "rep"),
        edge("subscribes", "rep", "caller"),
      ],
    );
    const { run } = startVirtualRun(g);
    run.fire("p", 1);
    const [request] = run.history.query({ nodeId: "p", outcome: "published" });
    const [reply] = run.history.query({ nodeId: "svc", outcome: "published" });
    expect(reply).toMatchObject({
      topic: "rep",
      correlationId: request.eventId,
      causationId: request.eventId,
      eventType: "order.placed.reply",
    });
    expect(run.getEvent(reply.eventId)!.data).toEqual({
      requestId: request.eventId,
      status: "ok",
      group: "svc",
    });
    expect(countsOf(run, "caller")).toEqual({ delivered: 1, acked: 1 });
  });

  it("the hop limit cuts an emit cycle: dropped with hop-limit", async () => {
    const g = graph(
      [producer("p"), topic("loop"), consumer("x", { action: "transform", transformExpression: "data" })],
      [edge("publishes", "p", "loop"), edge("subscribes", "loop", "x"), edge("emits", "x", "loop")],
    );
    const { run, time } = startVirtualRun(g, { hopLimit: 16 });
    run.fire("p", 1);
    await time.advanceTo(1000);
    // Hop counts 0 … 16 are delivered; the event at hop 16 would make hop 17.
    expect(countsOf(run, "x")).toEqual({ delivered: 17, acked: 16, published: 16, dropped: 1 });
    expect(run.history.query({ nodeId: "x", outcome: "dropped" })[0].reason).toBe("hop-limit");
    expect(run.metrics().nodes.loop.counts.published).toBe(17);
  });

  it("with a dead-letter topic, the hop-limit cut is dead-lettered", async () => {
    const g = graph(
      [producer("p"), topic("loop"), topic("dlq"), consumer("x", { action: "reply" })],
      [
        edge("publishes", "p", "loop"),
        edge("subscribes", "loop", "x"),
        edge("replies", "x", "loop"),
        edge("dead-letters", "x", "dlq"),
      ],
    );
    const { run } = startVirtualRun(g, { hopLimit: 3 });
    run.fire("p", 1);
    expect(countsOf(run, "x")).toEqual({ delivered: 4, acked: 3, published: 4, "dead-lettered": 1 });
    const letter = run.history.query({ nodeId: "dlq", outcome: "published" })[0];
    expect(run.getEvent(letter.eventId)!.data).toMatchObject({ reason: "hop-limit", attempts: 1 });
  });
});
