import { z } from "zod";
import { FLOW_LIMITS } from "../limits";
import { ZShortText, type NodeKindSpec } from "./common";

export const EMISSION_MODES = ["rate", "interval", "burst", "manual"] as const;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** A producer emits events of one type; how often is its emission mode. */
export const ZProducerConfig = z.strictObject({
  eventType: ZShortText.regex(/^[A-Za-z0-9._:/-]+$/, "may use letters, digits and . _ : / - only"),
  /** The CloudEvents `source`: a URI reference, so no spaces. */
  source: ZShortText.regex(
    /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/,
    "must be a URI reference like /shop/checkout (no spaces)",
  ),
  mode: z.enum(EMISSION_MODES),
  /** Events per second in `rate` mode. */
  ratePerSec: z.number().gt(0, "must be above 0").max(100_000, "must be at most 100000"),
  /** Random spread around the rate, as a percentage of the mean gap (0 = metronome). */
  jitterPct: z.number().min(0).max(100),
  /** Gap between events in `interval` mode. */
  intervalMs: z.number().int().min(1).max(86_400_000),
  /** Events emitted at once in `burst` mode (at deploy and each manual fire). */
  burstCount: z.number().int().min(1).max(100_000),
  /** Stop after this many events; absent means no limit. */
  maxEvents: z.number().int().min(1).max(1_000_000_000).optional(),
  /** JSON text with {{placeholders}} filled with fake data per event (lib/events/template.ts). */
  payloadTemplate: z
    .string()
    .refine((t) => utf8Bytes(t) <= FLOW_LIMITS.maxPayloadTemplateBytes, "must be at most 16 KB"),
  /** Dotted path into the payload whose value picks the partition (e.g. `customerId`). */
  partitionKeyPath: z
    .string()
    .max(FLOW_LIMITS.maxString)
    .regex(/^[A-Za-z0-9_$.-]*$/, "must be a dotted path like customer.id")
    .optional(),
});
export type ProducerConfig = z.infer<typeof ZProducerConfig>;

export const producerKind: NodeKindSpec<ProducerConfig> = {
  kind: "producer",
  title: "Producer",
  hint: "Emits events at a rate, on an interval, in bursts or by hand",
  configSchema: ZProducerConfig,
  defaults: () => ({
    eventType: "order.placed",
    source: "/shop/checkout",
    mode: "rate",
    ratePerSec: 5,
    jitterPct: 0,
    intervalMs: 1000,
    burstCount: 10,
    payloadTemplate: JSON.stringify(
      {
        orderId: "{{orderId}}",
        customerId: "{{customerId}}",
        productId: "{{productId}}",
        quantity: "{{int:1:5}}",
        placedAt: "{{timestamp}}",
      },
      null,
      2,
    ),
    partitionKeyPath: "customerId",
  }),
  outgoing: [{ edge: "publishes", to: "topic" }],
};
