import { expect, it } from "vitest";
import type { EventEnvelope } from "@/lib/events";
import type { TransformEvaluator, TransformRequest } from "../ports";

const event = {
  specversion: "1.0",
  id: "e1",
  source: "/shop",
  type: "order.placed",
  time: "2026-01-01T00:00:00.000Z",
  correlationid: "e1",
  hopcount: 0,
  data: { qty: 3, price: 2.5 },
} as unknown as EventEnvelope;

/** A request against the sample order event; generous time so a busy machine never fails a plain one. */
export function transformRequest(
  expression: string,
  limits: Partial<TransformRequest> = {},
): TransformRequest {
  return { expression, event, maxBytes: 1024, timeoutMs: 1000, maxDepth: 100, ...limits };
}

/** What every transform evaluator must do alike (in-process and the server's process pool). */
export function transformEvaluatorContract(make: () => TransformEvaluator): void {
  it("evaluates against the whole envelope and returns plain JSON", async () => {
    const outcome = await make().evaluate(
      transformRequest('{ "total": data.qty * data.price, "from": type }'),
    );
    expect(outcome).toEqual({ ok: true, value: { total: 7.5, from: "order.placed" } });
  });

  it("an expression that yields nothing emits nothing", async () => {
    expect(await make().evaluate(transformRequest("data.missing"))).toEqual({ ok: true, value: undefined });
  });

  it("a result over maxBytes fails with payload-too-large", async () => {
    expect(await make().evaluate(transformRequest('$pad("", 2000)'))).toEqual({
      ok: false,
      reason: "payload-too-large",
    });
  });

  it("errors and bad expressions fail with the JSONata message", async () => {
    const evaluator = make();
    expect(await evaluator.evaluate(transformRequest('$error("nope")'))).toEqual({
      ok: false,
      reason: "transform-error: D3137: nope at 7",
    });
    const bad = await evaluator.evaluate(transformRequest("data.qty +* ("));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.reason.startsWith("transform-error: S0")).toBe(true);
  });

  it("deep recursion is cut at maxDepth", async () => {
    const outcome = await make().evaluate(
      transformRequest("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10000))", { maxDepth: 50 }),
    );
    expect(outcome.ok).toBe(false);
    expect(!outcome.ok && outcome.reason.startsWith("transform-error: ")).toBe(true);
  });

  it("a step-wise endless evaluation ends with transform-timeout", async () => {
    const outcome = await make().evaluate(
      transformRequest('$count([1..5000].($pad("", 200) ~> $split(""))) ', { timeoutMs: 5, maxBytes: 1e9 }),
    );
    expect(outcome).toEqual({ ok: false, reason: "transform-timeout" });
  });
}
