import * as z from "../../zod";
import { FLOW_LIMITS } from "../limits";
import { ZShortText, type NodeKindSpec } from "./common";
import { parseHeaderLines, WEBHOOK_HEADER_LIMITS } from "../../webhooks/headers";

export const CONSUMER_ACTIONS = ["process", "transform", "reply", "webhook"] as const;

/** Standard Webhooks signing secrets: `whsec_` and base64 of at least 24 bytes. */
export const WEBHOOK_SECRET = /^whsec_[A-Za-z0-9+/]{32,}={0,2}$/;
export const BACKOFF_KINDS = ["fixed", "exponential"] as const;

const ZConsumerShape = z.strictObject({
  group: ZShortText.check(z.regex(/^[A-Za-z0-9._-]+$/, "may use letters, digits and . _ - only")),
  concurrency: z.number().check(z.int(), z.gte(1), z.lte(64)),
  processingMs: z.strictObject({
    min: z.number().check(z.gte(0), z.lte(600_000)),
    max: z.number().check(z.gte(0), z.lte(600_000)),
  }),
  /** Chance, in percent, that one delivery attempt fails. */
  failureRatePct: z.number().check(z.gte(0), z.lte(100)),
  retry: z.strictObject({
    maxAttempts: z.number().check(z.int(), z.gte(1), z.lte(50)),
    backoff: z.enum(BACKOFF_KINDS),
    initialDelayMs: z.number().check(z.int(), z.gte(0), z.lte(3_600_000)),
    maxDelayMs: z.number().check(z.int(), z.gte(0), z.lte(3_600_000)),
  }),
  online: z.boolean(),
  action: z.enum(CONSUMER_ACTIONS),
  /** JSONata expression evaluated against the event for the `transform` action. */
  transformExpression: z.optional(z.string().check(z.maxLength(FLOW_LIMITS.maxExpression))),
  /** `webhook` action ("Deliver over HTTP"): where each delivery is POSTed. */
  webhookUrl: z.optional(z.string().check(z.maxLength(2048))),
  /** Extra request headers, one `Name: value` per line. */
  webhookHeaders: z.optional(z.string().check(z.maxLength(WEBHOOK_HEADER_LIMITS.maxText))),
  /** Time one call may take before the attempt fails as a timeout. */
  webhookTimeoutMs: z.optional(z.number().check(z.int(), z.gte(100), z.lte(60_000))),
  /** Standard Webhooks signing secret (`whsec_…`); deliveries are signed when set. */
  webhookSecret: z.optional(z.string().check(z.maxLength(200))),
});

/** A consumer group: workers that share the partitions of the topics it subscribes to. */
export const ZConsumerConfig = ZConsumerShape.check(
  z.superRefine((config: z.infer<typeof ZConsumerShape>, ctx) => {
    if (config.processingMs.min > config.processingMs.max) {
      ctx.addIssue({
        code: "custom",
        path: ["processingMs", "min"],
        message: "must not be above the maximum",
      });
    }
    if (config.retry.initialDelayMs > config.retry.maxDelayMs) {
      ctx.addIssue({
        code: "custom",
        path: ["retry", "initialDelayMs"],
        message: "must not be above the maximum delay",
      });
    }
    if (config.action === "transform" && !config.transformExpression?.trim()) {
      ctx.addIssue({
        code: "custom",
        path: ["transformExpression"],
        message: "a transform needs a JSONata expression",
      });
    }
    if (config.action === "webhook") {
      const url = config.webhookUrl?.trim() ?? "";
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        parsed = undefined;
      }
      if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:"))
        ctx.addIssue({
          code: "custom",
          path: ["webhookUrl"],
          message: "Deliver over HTTP needs an http:// or https:// URL",
        });
      else if (parsed.username || parsed.password)
        ctx.addIssue({
          code: "custom",
          path: ["webhookUrl"],
          message: "put credentials in a header, not in the URL",
        });
    }
    const headers = parseHeaderLines(config.webhookHeaders);
    if (!headers.ok) ctx.addIssue({ code: "custom", path: ["webhookHeaders"], message: headers.message });
    if (
      config.webhookSecret !== undefined &&
      config.webhookSecret !== "" &&
      !WEBHOOK_SECRET.test(config.webhookSecret)
    )
      ctx.addIssue({
        code: "custom",
        path: ["webhookSecret"],
        message:
          "a signing secret looks like whsec_ followed by base64 (e.g. whsec_$(openssl rand -base64 32))",
      });
  }),
);
export type ConsumerConfig = z.infer<typeof ZConsumerConfig>;

export const consumerKind: NodeKindSpec<ConsumerConfig> = {
  kind: "consumer",
  title: "Consumer",
  hint: "A consumer group that processes, transforms, replies or delivers over HTTP",
  configSchema: ZConsumerConfig,
  defaults: () => ({
    group: "payments",
    concurrency: 1,
    processingMs: { min: 5, max: 20 },
    failureRatePct: 0,
    retry: { maxAttempts: 3, backoff: "exponential", initialDelayMs: 100, maxDelayMs: 2000 },
    online: true,
    action: "process",
  }),
  outgoing: [
    { edge: "emits", to: "topic" },
    { edge: "replies", to: "topic" },
    { edge: "dead-letters", to: "topic" },
  ],
};
