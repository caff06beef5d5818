import type { FlowGraph, TopicBackend } from "../flow";
import type { DeliveryRow, OutcomeName } from "../events/delivery";

/** One partition a consumer reads, as the replay form lists it. */
export interface ReadPartition {
  topic: string;
  partition: number;
  backend: TopicBackend;
}

/** The partitions of every topic `consumerId` subscribes to, topic by topic (edge order). */
export function partitionsRead(graph: FlowGraph, consumerId: string): ReadPartition[] {
  const out: ReadPartition[] = [];
  for (const edge of graph.edges) {
    if (edge.kind !== "subscribes" || edge.target !== consumerId) continue;
    const topic = graph.nodes.find((n) => n.id === edge.source);
    if (topic?.kind !== "topic") continue;
    for (let partition = 0; partition < topic.config.partitions; partition++)
      out.push({ topic: topic.config.name, partition, backend: topic.config.backend ?? "embedded" });
  }
  return out;
}

/** Steps a consumer group takes on a partition it reads (not what it publishes elsewhere). */
const GROUP_STEPS = new Set<OutcomeName>([
  "delivered",
  "acked",
  "failed",
  "retry-scheduled",
  "dead-lettered",
  "filtered",
]);

/** Where a record sits as a replay offset: the log offset (embedded) or the broker's own. */
export const recordOffset = (row: DeliveryRow): string | undefined =>
  row.offset !== undefined ? String(row.offset) : row.brokerOffset;

/**
 * What "Replay from here" sends for a record of a consumer group's delivery: that partition of
 * that topic, from that event's offset. Undefined for records of other kinds.
 */
export function replayFromRecord(
  row: DeliveryRow,
): { nodeId: string; from: { offsets: { topic: string; partition: number; offset: string }[] } } | undefined {
  const offset = recordOffset(row);
  if (!row.group || !row.topic || row.partition === undefined || offset === undefined) return undefined;
  if (!GROUP_STEPS.has(row.outcome)) return undefined;
  return { nodeId: row.nodeId, from: { offsets: [{ topic: row.topic, partition: row.partition, offset }] } };
}

/** Rows read newest first (the live store's ring). */
interface NewestFirst {
  readonly size: number;
  at(index: number): DeliveryRow | undefined;
}

/** Rows looked at for a prefill: the newest few thousand, so a full 100,000-row ring is never scanned. */
const PREFILL_SCAN = 5000;

/** The offset of group `group`'s newest step on `where` among the newest rows, if any. */
export function newestOffset(
  rows: NewestFirst,
  group: string,
  where: { topic: string; partition: number },
): string | undefined {
  const scan = Math.min(rows.size, PREFILL_SCAN);
  for (let i = 0; i < scan; i++) {
    const row = rows.at(i);
    if (!row || row.group !== group || row.topic !== where.topic || row.partition !== where.partition)
      continue;
    if (GROUP_STEPS.has(row.outcome) && recordOffset(row) !== undefined) return recordOffset(row);
  }
  return undefined;
}
