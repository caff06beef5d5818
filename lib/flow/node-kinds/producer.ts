import * as z from "../../zod";
import { FLOW_LIMITS } from "../limits";
import { ZShortText, type NodeKindSpec } from "./common";

export const EMISSION_MODES = ["rate", "interval", "burst", "manual"] as const;

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/** A producer emits events of one type; how often is its emission mode. */
export const ZProducerConfig = z.strictObject({
  eventType: ZShortText.check(z.regex(/^[A-Za-z0-9._:/-]+$/, "may use letters, digits and . _ : / - only")),
  /** The CloudEvents `source`: a URI reference, so no spaces. */
  source: ZShortText.check(
    z.regex(
      /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/,
      "must be a URI reference like /shop/checkout (no spaces)",
    ),
  ),
  mode: z.enum(EMISSION_MODES),
  /** Events per second in `rate` mode. */
  ratePerSec: z.number().check(z.gt(0, "must be above 0"), z.lte(100_000, "must be at most 100000")),
  /** Random spread around the rate, as a percentage of the mean gap (0 = metronome). */
  jitterPct: z.number().check(z.gte(0), z.lte(100)),
  /** Gap between events in `interval` mode. */
  intervalMs: z.number().check(z.int(), z.gte(1), z.lte(86_400_000)),
  /** Events emitted at once in `burst` mode (at deploy and each manual fire). */
  burstCount: z.number().check(z.int(), z.gte(1), z.lte(100_000)),
  /** Stop after this many events; absent means no limit. */
  maxEvents: z.optional(z.number().check(z.int(), z.gte(1), z.lte(1_000_000_000))),
  /** JSON text with {{placeholders}} filled with fake data per event (lib/events/template.ts). */
  payloadTemplate: z
    .string()
    .check(z.refine((t) => utf8Bytes(t) <= FLOW_LIMITS.maxPayloadTemplateBytes, "must be at most 16 KB")),
  /** Dotted path into the payload whose value picks the partition (e.g. `customerId`). */
  partitionKeyPath: z.optional(
    z
      .string()
      .check(
        z.maxLength(FLOW_LIMITS.maxString),
        z.regex(/^[A-Za-z0-9_$.-]*$/, "must be a dotted path like customer.id"),
      ),
  ),
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
