import { afterAll, afterEach, describe, expect, it } from "vitest";
import { consumer, countsOf, edge, graph, producer, startVirtualRun, topic } from "../runtime/testing/flows";
import { transformEvaluatorContract, transformRequest } from "../runtime/testing/transform-contract";
import { createTransformPool, type TransformPool } from "./transform-pool";

const pools: TransformPool[] = [];
const pool = (options: Parameters<typeof createTransformPool>[0] = { size: 1 }) => {
  const made = createTransformPool(options);
  pools.push(made);
  return made;
};
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.close()));
});

/** Catastrophic backtracking: minutes of one native regex call, which JSONata's own timeout never interrupts. */
const REDOS = '$match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/)';

let shared: TransformPool | undefined;
afterAll(() => shared?.close());

describe("transform pool", () => {
  transformEvaluatorContract(() => (shared ??= createTransformPool({ size: 1 })));

  it("a native regex that runs past the limit ends with transform-timeout while the server's loop keeps turning", async () => {
    const evaluator = pool();
    const order: string[] = [];
    const answer = evaluator.evaluate(transformRequest(REDOS, { timeoutMs: 300 })).then((outcome) => {
      order.push("answer");
      return outcome;
    });
    // In-process, the regex would hold this thread: the timer could only run after the answer.
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    order.push("timer");
    expect(await answer).toEqual({ ok: false, reason: "transform-timeout" });
    expect(order).toEqual(["timer", "answer"]);
    expect(evaluator.stats()).toMatchObject({ timedOut: 1, restarts: 1 });
    // The replacement process answers the next transform.
    expect(await evaluator.evaluate(transformRequest("data.qty + 1"))).toEqual({ ok: true, value: 4 });
  });

  it("only the runaway item of a batch fails; the others are answered in order", async () => {
    const evaluator = pool();
    const outcomes = await Promise.all([
      evaluator.evaluate(transformRequest("data.qty * 1")),
      evaluator.evaluate(transformRequest(REDOS, { timeoutMs: 300 })),
      evaluator.evaluate(transformRequest("data.qty * 2")),
      evaluator.evaluate(transformRequest("data.qty * 3")),
    ]);
    expect(outcomes).toEqual([
      { ok: true, value: 3 },
      { ok: false, reason: "transform-timeout" },
      { ok: true, value: 6 },
      { ok: true, value: 9 },
    ]);
  });

  it("a transform that exhausts its process's heap fails with transform-out-of-memory; the server lives on", async () => {
    const evaluator = pool({ size: 1, memoryMb: 32 });
    // A string doubled 27 times is a cheap rope until a builtin flattens it into 128 MB at once:
    // in a worker thread this aborts the whole server; in a pool process only that process.
    const outcome = await evaluator.evaluate(
      transformRequest('$uppercase($reduce([1..27], function($acc, $i){ $acc & $acc }, "a"))', {
        timeoutMs: 10_000,
      }),
    );
    expect(outcome).toEqual({ ok: false, reason: "transform-out-of-memory" });
    expect(evaluator.stats()).toMatchObject({ outOfMemory: 1, restarts: 1 });
    expect(await evaluator.evaluate(transformRequest("type"))).toEqual({ ok: true, value: "order.placed" });
  });

  it("many requests made at once all come back with their own results", async () => {
    const evaluator = pool({ size: 2, maxBatch: 64 });
    const outcomes = await Promise.all(
      Array.from({ length: 500 }, (_, i) => evaluator.evaluate(transformRequest(`data.qty + ${i}`))),
    );
    expect(outcomes).toEqual(Array.from({ length: 500 }, (_, i) => ({ ok: true, value: 3 + i })));
    expect(evaluator.stats()).toMatchObject({ evaluated: 500, timedOut: 0, queued: 0 });
  });

  it("after close every request is refused with a reason", async () => {
    const evaluator = pool();
    await evaluator.close();
    expect(await evaluator.evaluate(transformRequest("type"))).toEqual({
      ok: false,
      reason: "transform-error: the server is shutting down",
    });
  });
});

describe("a runaway transform in a running flow", () => {
  it("fails the delivery with transform-timeout, retries it and dead-letters it like any failure", async () => {
    const flow = graph(
      [
        producer("p", { payloadTemplate: '{"qty":{{seq}}}' }),
        topic("in"),
        topic("out"),
        topic("dlq"),
        consumer("x", {
          action: "transform",
          transformExpression: REDOS,
          retry: { maxAttempts: 2, backoff: "fixed", initialDelayMs: 10, maxDelayMs: 10 },
        }),
      ],
      [
        edge("publishes", "p", "in"),
        edge("subscribes", "in", "x"),
        edge("emits", "x", "out"),
        edge("dead-letters", "x", "dlq"),
      ],
    );
    const { run, time } = startVirtualRun(flow, { transforms: pool(), transformTimeoutMs: 300 });
    run.fire("p", 1);
    await time.advanceTo(1000);
    expect(countsOf(run, "x")).toEqual({
      delivered: 2,
      failed: 2,
      "retry-scheduled": 1,
      "dead-lettered": 1,
      published: 1,
    });
    const reasons = run.history.query({ nodeId: "x" }).map((r) => `${r.outcome}:${r.reason ?? ""}`);
    expect(reasons).toEqual([
      "delivered:",
      "failed:transform-timeout",
      "retry-scheduled:transform-timeout",
      "delivered:",
      "failed:transform-timeout",
      "dead-lettered:transform-timeout",
      "published:",
    ]);
  });
});
