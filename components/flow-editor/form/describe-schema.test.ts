import { describe, expect, it } from "vitest";
import { ZConsumerConfig, ZProducerConfig, consumerKind } from "@/lib/flow";
import { describeSchema, getAt, messagesByPath, setAt } from "./describe-schema";

describe("describeSchema", () => {
  it("turns the producer config into fields with the schema's bounds", () => {
    const form = describeSchema(ZProducerConfig);
    if (form.type !== "group") throw new Error("expected a group");
    const byKey = new Map(form.fields.map((f) => [f.path.join("."), f]));
    expect(byKey.get("mode")).toEqual({
      type: "choice",
      path: ["mode"],
      optional: false,
      options: ["rate", "interval", "burst", "manual"],
    });
    expect(byKey.get("ratePerSec")).toMatchObject({ type: "number", min: 0, max: 100000, integer: false });
    expect(byKey.get("maxEvents")).toMatchObject({ type: "number", optional: true, integer: true, min: 1 });
    expect(byKey.get("eventType")).toMatchObject({ type: "text", minLength: 1, maxLength: 200 });
  });

  it("walks nested objects of a refined schema (consumer retry policy)", () => {
    const form = describeSchema(ZConsumerConfig);
    if (form.type !== "group") throw new Error("expected a group");
    const retry = form.fields.find((f) => f.path.join(".") === "retry");
    expect(retry?.type).toBe("group");
    expect(retry?.type === "group" && retry.fields.map((f) => f.path.join("."))).toEqual([
      "retry.maxAttempts",
      "retry.backoff",
      "retry.initialDelayMs",
      "retry.maxDelayMs",
    ]);
    expect(form.fields.find((f) => f.path[0] === "online")?.type).toBe("toggle");
  });
});

describe("values and messages", () => {
  it("sets and removes nested values without touching the original", () => {
    const config = consumerKind.defaults();
    const next = setAt(config, ["retry", "maxAttempts"], 7);
    expect(getAt(next, ["retry", "maxAttempts"])).toBe(7);
    expect(config.retry.maxAttempts).toBe(3);
    expect(
      "transformExpression" in
        setAt({ ...config, transformExpression: "x" }, ["transformExpression"], undefined),
    ).toBe(false);
  });

  it("keys the schema's own messages by field path, refinements included", () => {
    const config = { ...consumerKind.defaults(), failureRatePct: 140, processingMs: { min: 50, max: 10 } };
    const messages = messagesByPath(ZConsumerConfig, config);
    expect(messages.get("failureRatePct")).toMatch(/100/);
    expect(messages.get("processingMs.min")).toBe("must not be above the maximum");
  });
});
