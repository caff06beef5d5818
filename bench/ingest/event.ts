import type { EventEnvelope } from "@/lib/events";

/** The CloudEvent the ingest benchmark sends (JSON format) and the one its webhook flow carries. */
export const benchEvent = (i: number) => ({
  specversion: "1.0" as const,
  id: `e-${i}`,
  source: "/bench",
  type: "order.placed",
  data: { order: `o-${i}`, total: (i % 500) + 0.99, lines: [{ sku: "sku-1", quantity: 1 }] },
});

/** The same event as the runtime carries it. */
export const eventEnvelope = (i: number): EventEnvelope => ({
  ...benchEvent(i),
  time: new Date().toISOString(),
  datacontenttype: "application/json",
  correlationid: `e-${i}`,
  hopcount: 0,
});
