import { describe, expect, it } from "vitest";
import type { WebhookOutcome, WebhookPort, WebhookRequest } from "../ports";
import { consumer, countsOf, edge, graph, producer, startVirtualRun, topic } from "../testing/flows";

/** A receiver scripted per call: answers[i] is what call i gets (the last one repeats). */
function scripted(answers: WebhookOutcome[]) {
  const calls: WebhookRequest[] = [];
  const port: WebhookPort = {
    deliver: async (request) => {
      calls.push(request);
      return answers[Math.min(calls.length - 1, answers.length - 1)];
    },
  };
  return { port, calls };
}
const flow = (extra: Record<string, unknown> = {}) =>
  graph(
    [
      producer("p"),
      topic("orders"),
      consumer("hook", {
        action: "webhook",
        webhookUrl: "https://hooks.example/in",
        webhookHeaders: "X-Team: billing",
        webhookTimeoutMs: 500,
        retry: { maxAttempts: 4, backoff: "fixed", initialDelayMs: 100, maxDelayMs: 100 },
        ...extra,
      }),
      topic("dlq"),
    ],
    [
      edge("publishes", "p", "orders"),
      edge("subscribes", "orders", "hook"),
      edge("dead-letters", "hook", "dlq"),
    ],
  );
const ok = (status = 204): WebhookOutcome => ({ status, durationMs: 3, response: "" });

describe("a webhook consumer (Deliver over HTTP)", () => {
  it("acks a 2xx, passing the event, headers, timeout and secret to the port; the record holds the exchange", async () => {
    const { port, calls } = scripted([{ status: 200, durationMs: 12, response: '{"ok":true}' }]);
    const { run, time } = startVirtualRun(flow({ webhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" }), {
      webhooks: port,
    });
    run.fire("p", 2);
    await time.advanceTo(10);
    expect(countsOf(run, "hook")).toEqual({ delivered: 2, acked: 2 });
    expect(calls.map((c) => [c.url, c.headers, c.timeoutMs, c.secret, c.event.type])).toEqual([
      [
        "https://hooks.example/in",
        [["X-Team", "billing"]],
        500,
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "order.placed",
      ],
      [
        "https://hooks.example/in",
        [["X-Team", "billing"]],
        500,
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        "order.placed",
      ],
    ]);
    const acked = run.history.query({ nodeId: "hook", outcome: "acked" });
    expect(acked[0].http).toEqual({ status: 200, durationMs: 12, response: '{"ok":true}' });
  });

  it("retries 5xx, timeouts and connection errors with the backoff, then acks", async () => {
    const { port, calls } = scripted([
      { status: 503, durationMs: 2, response: "busy" },
      { status: null, durationMs: 500, error: "timeout after 500 ms" },
      { status: null, durationMs: 1, error: "connect ECONNREFUSED 127.0.0.1:9" },
      ok(),
    ]);
    const { run, time } = startVirtualRun(flow(), { webhooks: port });
    run.fire("p", 1);
    await time.advanceTo(1000);
    expect(calls).toHaveLength(4);
    expect(countsOf(run, "hook")).toEqual({ delivered: 4, failed: 3, "retry-scheduled": 3, acked: 1 });
    const failed = run.history.query({ nodeId: "hook", outcome: "failed" });
    expect(failed.map((r) => r.reason)).toEqual([
      "http-503",
      "http-error: timeout after 500 ms",
      "http-error: connect ECONNREFUSED 127.0.0.1:9",
    ]);
    expect(failed[0].http).toEqual({ status: 503, durationMs: 2, response: "busy" });
  });

  it("waits for Retry-After when it is longer than the backoff", async () => {
    const { port, calls } = scripted([
      { status: 429, durationMs: 1, response: "", retryAfterMs: 2000 },
      ok(),
    ]);
    const { run, time } = startVirtualRun(flow(), { webhooks: port });
    run.fire("p", 1);
    await time.advanceTo(1999);
    expect(calls).toHaveLength(1);
    await time.advanceTo(2001);
    expect(calls).toHaveLength(2);
    expect(countsOf(run, "hook")).toMatchObject({ acked: 1, failed: 1 });
  });

  it("dead-letters after the last attempt, and at once on a 410 or a refused address", async () => {
    const always503 = scripted([{ status: 503, durationMs: 1, response: "" }]);
    const a = startVirtualRun(flow(), { webhooks: always503.port });
    a.run.fire("p", 1);
    await a.time.advanceTo(5000);
    expect(always503.calls).toHaveLength(4);
    expect(countsOf(a.run, "hook")).toEqual({
      delivered: 4,
      failed: 4,
      "retry-scheduled": 3,
      "dead-lettered": 1,
      published: 1,
    });

    const gone = scripted([{ status: 410, durationMs: 1, response: "gone" }]);
    const b = startVirtualRun(flow(), { webhooks: gone.port });
    b.run.fire("p", 1);
    await b.time.advanceTo(5000);
    expect(gone.calls).toHaveLength(1);
    expect(countsOf(b.run, "hook")).toEqual({ delivered: 1, failed: 1, "dead-lettered": 1, published: 1 });
    expect(b.run.history.query({ nodeId: "hook", outcome: "dead-lettered" })[0].reason).toBe("http-410");

    const refused = scripted([
      { status: null, durationMs: 0, error: "127.0.0.1 is a loopback address", refused: true },
    ]);
    const c = startVirtualRun(flow(), { webhooks: refused.port });
    c.run.fire("p", 1);
    await c.time.advanceTo(5000);
    expect(refused.calls).toHaveLength(1);
    expect(c.run.history.query({ nodeId: "hook", outcome: "dead-lettered" })[0].reason).toBe(
      "refused: 127.0.0.1 is a loopback address",
    );
  });
});
