import { z } from "zod";
import { FLOW_LIMITS } from "../limits";
import { ZShortText, type NodeKindSpec } from "./common";

export const CONSUMER_ACTIONS = ["process", "transform", "reply"] as const;
export const BACKOFF_KINDS = ["fixed", "exponential"] as const;

/** A consumer group: workers that share the partitions of the topics it subscribes to. */
export const ZConsumerConfig = z
  .strictObject({
    group: ZShortText.regex(/^[A-Za-z0-9._-]+$/, "may use letters, digits and . _ - only"),
    concurrency: z.number().int().min(1).max(64),
    processingMs: z.strictObject({
      min: z.number().min(0).max(600_000),
      max: z.number().min(0).max(600_000),
    }),
    /** Chance, in percent, that one delivery attempt fails. */
    failureRatePct: z.number().min(0).max(100),
    retry: z.strictObject({
      maxAttempts: z.number().int().min(1).max(50),
      backoff: z.enum(BACKOFF_KINDS),
      initialDelayMs: z.number().int().min(0).max(3_600_000),
      maxDelayMs: z.number().int().min(0).max(3_600_000),
    }),
    online: z.boolean(),
    action: z.enum(CONSUMER_ACTIONS),
    /** JSONata expression evaluated against the event for the `transform` action. */
    transformExpression: z.string().max(FLOW_LIMITS.maxExpression).optional(),
  })
  .superRefine((config, ctx) => {
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
  });
export type ConsumerConfig = z.infer<typeof ZConsumerConfig>;

export const consumerKind: NodeKindSpec<ConsumerConfig> = {
  kind: "consumer",
  title: "Consumer",
  hint: "A consumer group that processes, transforms or replies",
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
