import { DeliverPolicy, type ConsumerConfig } from "@nats-io/jetstream";
import type { BrokerOffset, GroupPositionTarget } from "../../runtime";

/**
 * Where each partition's durable consumer of a group starts after a reset: a config per
 * partition, or undefined for a partition whose consumer stays as it is.
 */
export type PartitionStarts = (Partial<ConsumerConfig> | undefined)[];

/** Every partition at the earliest event, the end, or a time. */
export function startOf(
  target: Exclude<GroupPositionTarget, { offsets: unknown }>,
  partitions: number,
): PartitionStarts {
  const config =
    "to" in target
      ? { deliver_policy: target.to === "earliest" ? DeliverPolicy.All : DeliverPolicy.New }
      : {
          deliver_policy: DeliverPolicy.StartTime,
          opt_start_time: new Date(target.timestampMs).toISOString(),
        };
  return Array.from({ length: partitions }, () => config);
}

/**
 * The partitions `offsets` names start at that stream sequence (or the partition's first
 * message after it); the others keep their consumer, and so their position.
 */
export function startAtOffsets(offsets: readonly BrokerOffset[], partitions: number): PartitionStarts {
  const starts: PartitionStarts = Array.from({ length: partitions }, () => undefined);
  for (const { partition, offset } of offsets)
    if (partition >= 0 && partition < partitions)
      starts[partition] = { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: Number(offset) };
  return starts;
}

/** Where a partition's consumer of a new group starts: after the stream's last message. */
export function afterSequence(lastSeq: number): Partial<ConsumerConfig> {
  // By sequence, not time: nats-server 2.9 refuses to update a consumer that starts at a time,
  // and the retry policy may change on a redeploy.
  return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastSeq + 1 };
}
