import { fail, ok, type ControlResult } from "../errors";
import type { BrokerOffset, GroupPositionTarget } from "../broker/port";
import type { ConsumerGroupRunner } from "../consumer/group";

/**
 * Where a group's next delivery on one partition is: the event at `offset` (inclusive), in the
 * broker's own form (log offset embedded, entry id `<ms>-<seq>` on Redis, stream sequence on NATS).
 */
export interface PartitionOffset {
  /** The topic's name, as the designer and the delivery records show it. */
  topic: string;
  partition: number;
  offset: string;
}

/** Partitions one replay may name (a group reads at most a few topics of at most 64 partitions). */
export const MAX_REPLAY_OFFSETS = 256;
const MAX_OFFSET_CHARS = 41;

/**
 * Checks a replay to given offsets against the group's subscriptions (each partition named once,
 * of a topic the group reads), then, with `askBrokers`, each offset with its broker (its form,
 * not beyond the partition's last event). Returns the target per topic node id.
 */
export async function checkOffsets(
  group: ConsumerGroupRunner,
  offsets: readonly PartitionOffset[],
  askBrokers = true,
): Promise<ControlResult<Map<string, GroupPositionTarget>>> {
  if (!Array.isArray(offsets) || offsets.length < 1 || offsets.length > MAX_REPLAY_OFFSETS)
    return fail("bad-argument", `give 1 to ${MAX_REPLAY_OFFSETS} partition offsets`);
  const byTopic = new Map<string, BrokerOffset[]>();
  const checks: Promise<string | undefined>[] = [];
  for (const given of offsets) {
    const { topic: name, partition, offset } = given ?? {};
    const sub = group.subscriptions.find((s) => s.topic.config.name === name);
    if (!sub)
      return fail(
        "bad-argument",
        `consumer group '${group.config.group}' does not read a topic named '${name}'`,
        {
          nodeId: group.node.id,
        },
      );
    const { topic } = sub;
    if (!Number.isInteger(partition) || partition < 0 || partition >= topic.partitionCount)
      return fail(
        "bad-argument",
        `topic '${name}' has partitions p0..p${topic.partitionCount - 1}; there is no partition ${String(partition)}`,
      );
    if (typeof offset !== "string" || offset.length < 1 || offset.length > MAX_OFFSET_CHARS)
      return fail(
        "bad-argument",
        `the offset of ${name} / p${partition} must be 1 to ${MAX_OFFSET_CHARS} characters`,
      );
    const list = byTopic.get(topic.nodeId) ?? [];
    if (list.some((o) => o.partition === partition))
      return fail("bad-argument", `${name} / p${partition} is given more than once`);
    list.push({ partition, offset });
    byTopic.set(topic.nodeId, list);
    if (askBrokers)
      checks.push(
        topic.checkOffset(partition, offset).catch((error: Error) => `${topic.backend}: ${error.message}`),
      );
  }
  const refused = (await Promise.all(checks)).filter((reason) => reason !== undefined);
  if (refused.length > 0) return fail("bad-argument", refused.join("; "));
  return ok(new Map([...byTopic].map(([nodeId, list]) => [nodeId, { offsets: list }])));
}
