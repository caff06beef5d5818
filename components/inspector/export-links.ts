import type { DeliveryFilter } from "@/lib/events/delivery-filter";

/** Where the recorded events matching `filter` download as NDJSON of CloudEvents. */
export function recordedEventsUrl(flowRef: string, filter: DeliveryFilter): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(filter))
    if (value) query.set(key, key === "text" ? value.trim() : value);
  const text = query.toString();
  return `/api/flows/${encodeURIComponent(flowRef)}/events${text ? `?${text}` : ""}`;
}

/** Where one event's causal trace downloads as JSON. */
export function traceUrl(flowRef: string, eventId: string): string {
  return `/api/flows/${encodeURIComponent(flowRef)}/events/${encodeURIComponent(eventId)}/trace`;
}
