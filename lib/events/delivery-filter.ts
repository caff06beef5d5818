import type { DeliveryRow, OutcomeName } from "./delivery";

/**
 * Which delivery records a person wants to see: the inspector filters its table with it, and
 * the server applies the same rules when exporting recorded events.
 */
export interface DeliveryFilter {
  nodeId: string;
  topic: string;
  group: string;
  outcome: OutcomeName | "";
  /** Free text over the record's fields and its event's payload where known. */
  text: string;
}

export const NO_FILTER: DeliveryFilter = { nodeId: "", topic: "", group: "", outcome: "", text: "" };

/** Where the free text is looked for besides the row: the payloads known (fetched, or held by the server). */
export interface PayloadTexts {
  searchText(eventId: string): string | undefined;
}

/** Whether any part of the filter narrows the records. */
export function isFilterActive(filter: DeliveryFilter): boolean {
  return (
    filter.nodeId !== "" ||
    filter.topic !== "" ||
    filter.group !== "" ||
    filter.outcome !== "" ||
    filter.text.trim() !== ""
  );
}

/**
 * Compiles a filter to a predicate. Node matches the step's node or its topic node (so a
 * topic's filter shows publishes to it and deliveries from it). Free text matches, case
 * insensitive, the event type, ids, topic, group, node, reason, and the payload when its
 * envelope has been fetched (streaming every payload would defeat sampling; see docs/inspector.md).
 */
export function compileFilter(
  filter: DeliveryFilter,
  payloads?: PayloadTexts,
): (row: DeliveryRow) => boolean {
  const text = filter.text.trim().toLowerCase();
  return (row) => {
    if (filter.nodeId && row.nodeId !== filter.nodeId && row.topicNodeId !== filter.nodeId) return false;
    if (filter.topic && row.topic !== filter.topic) return false;
    if (filter.group && row.group !== filter.group) return false;
    if (filter.outcome && row.outcome !== filter.outcome) return false;
    if (!text) return true;
    return rowText(row).includes(text) || (payloads?.searchText(row.eventId)?.includes(text) ?? false);
  };
}

function rowText(row: DeliveryRow): string {
  return `${row.eventType} ${row.eventId} ${row.correlationId} ${row.causationId ?? ""} ${row.topic ?? ""} ${row.group ?? ""} ${row.nodeId} ${row.reason ?? ""} ${row.outcome}`.toLowerCase();
}
