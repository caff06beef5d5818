import { DeliverPolicy, type ConsumerConfig } from "@nats-io/jetstream";
import type { BrokerOffset, GroupPositionTarget } from "../../runtime";
import type { NatsTopic } from "./topic";

/**
 * Where a group's new durable consumer starts, and per partition the stream sequence below
 * which its messages are skipped (acknowledged unseen): one consumer reads every partition of
 * the topic from one start, so moving some partitions means starting at the lowest position
 * and skipping, on each partition, what lies before its own.
 */
export interface ConsumerStart {
  config: Partial<ConsumerConfig>;
  skipBelow: number[];
}

/** The events of this server's reader not yet finished: how many, and the first stream sequence per partition. */
export interface HeldFirsts {
  count: number;
  first: Map<number, number>;
}

/** A consumer for the earliest event, the end, or a time, on every partition. */
export function startOf(target: Exclude<GroupPositionTarget, { offsets: unknown }>): ConsumerStart {
  const config =
    "to" in target
      ? { deliver_policy: target.to === "earliest" ? DeliverPolicy.All : DeliverPolicy.New }
      : {
          deliver_policy: DeliverPolicy.StartTime,
          opt_start_time: new Date(target.timestampMs).toISOString(),
        };
  return { config, skipBelow: [] };
}

/**
 * A consumer whose next delivery on each partition of `offsets` is the message at that stream
 * sequence (or the first after it on that partition), the others staying where they are: at
 * the first event this server held unfinished there, else after everything delivered. When the
 * consumer has unacknowledged deliveries this server did not hold (a server that died), those
 * partitions start after the consumer's ack floor instead, so nothing is lost (some events may
 * come again: at least once).
 */
export async function startAtOffsets(
  topic: NatsTopic,
  durable: string,
  offsets: readonly BrokerOffset[],
  held: HeldFirsts,
): Promise<ConsumerStart> {
  const { jsm } = topic.connection;
  const info = await jsm.consumers.info(topic.stream, durable).catch(() => undefined);
  let after: number;
  const ours = info !== undefined && info.num_ack_pending <= held.count;
  if (!info) after = (await jsm.streams.info(topic.stream)).state.last_seq + 1;
  else after = (ours ? info.delivered.stream_seq : info.ack_floor.stream_seq) + 1;
  const given = new Map(offsets.map((o) => [o.partition, Number(o.offset)]));
  const skipBelow = Array.from(
    { length: topic.partitionCount },
    (_, p) => given.get(p) ?? (ours ? held.first.get(p) : undefined) ?? after,
  );
  return {
    config: {
      deliver_policy: DeliverPolicy.StartSequence,
      opt_start_seq: Math.max(1, Math.min(...skipBelow)),
    },
    skipBelow,
  };
}
