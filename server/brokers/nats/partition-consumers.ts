import { AckPolicy, type ConsumerConfig } from "@nats-io/jetstream";
import { afterSequence, type PartitionStarts } from "./group-start";
import { legacyDurable, partitionDurable } from "./layout";
import type { NatsTopic } from "./topic";

/** What every partition consumer of a group enforces (the retry policy, the unacknowledged it may hand out). */
export type ConsumerLimits = Pick<ConsumerConfig, "max_ack_pending"> &
  Partial<Pick<ConsumerConfig, "max_deliver">>;

/**
 * Makes the durable consumers of `group` that are missing, one per partition, each filtered to
 * its partition's subject, and those `restart` names at their new start. A missing consumer of
 * a new group starts after the stream's last message; where the group still has the one consumer
 * it had for every partition (an older Eventloom), each partition starts after that consumer's
 * ack floor instead (so nothing unacknowledged is lost; a few events may come again), and the old
 * consumer is removed once every partition has its own.
 */
export async function ensurePartitionConsumers(
  topic: NatsTopic,
  group: string,
  limits: ConsumerLimits,
  restart?: PartitionStarts,
): Promise<void> {
  const { jsm } = topic.connection;
  const partitions = Array.from({ length: topic.partitionCount }, (_, p) => p);
  const exists = await Promise.all(
    partitions.map((p) =>
      restart?.[p]
        ? false
        : jsm.consumers.info(topic.stream, partitionDurable(group, p)).then(
            () => true,
            () => false,
          ),
    ),
  );
  const legacy = await jsm.consumers.info(topic.stream, legacyDurable(group)).catch(() => undefined);
  let fresh: Partial<ConsumerConfig> | undefined;
  for (const p of partitions) {
    if (exists[p]) continue;
    fresh ??= afterSequence(
      legacy ? legacy.ack_floor.stream_seq : (await jsm.streams.info(topic.stream)).state.last_seq,
    );
    await jsm.consumers.add(topic.stream, {
      durable_name: partitionDurable(group, p),
      filter_subject: topic.subject(p),
      ack_policy: AckPolicy.Explicit,
      ack_wait: topic.connection.options.ackWaitMs * 1_000_000,
      ...limits,
      ...(restart?.[p] ?? fresh),
    });
  }
  if (legacy) await jsm.consumers.delete(topic.stream, legacyDurable(group)).catch(() => false);
}

/** Brings each partition consumer of `group` to `limits` where it differs (a redeploy changed the retry policy). */
export async function updatePartitionConsumers(
  topic: NatsTopic,
  group: string,
  limits: ConsumerLimits,
): Promise<void> {
  const { jsm } = topic.connection;
  for (let p = 0; p < topic.partitionCount; p++) {
    const durable = partitionDurable(group, p);
    const info = await jsm.consumers.info(topic.stream, durable).catch(() => undefined);
    if (!info) continue;
    const same =
      info.config.max_ack_pending === limits.max_ack_pending &&
      (limits.max_deliver === undefined || info.config.max_deliver === limits.max_deliver);
    if (!same) await jsm.consumers.update(topic.stream, durable, limits);
  }
}
