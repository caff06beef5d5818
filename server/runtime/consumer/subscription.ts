import type { FilterPattern } from "@/lib/flow";
import type { PartitionLog } from "../broker/partition-log";
import type { AppendListener, PartitionReader, TopicPort } from "../broker/port";
import type { RecordSite } from "../records/outcomes";
import type { Worker } from "./worker";

/**
 * A consumer group's position in one partition: `position` is the next offset to fetch,
 * `committed` the offset below which every event is finished (acked, filtered,
 * dead-lettered or dropped). With one delivery per partition at a time, committed only
 * passes an event once its delivery has finished.
 */
export class Cursor {
  position: number;
  readonly log: PartitionLog;
  constructor(
    readonly subscription: Subscription,
    readonly partition: number,
    readonly reader: PartitionReader,
    public committed: number,
    public worker: Worker | undefined,
  ) {
    this.log = reader.log;
    this.position = committed;
  }

  /** Every event up to `offset` is finished; the broker hears of it. */
  commit(offset: number): void {
    this.committed = offset + 1;
    this.reader.commit(offset);
  }

  /** Events from the committed offset to the log end (retained ones only). */
  get lag(): number {
    return this.log.endOffset - Math.max(this.committed, this.log.baseOffset);
  }
}

/** One `subscribes` edge: a topic feeding a consumer group, with an optional filter. */
export class Subscription implements AppendListener {
  cursors: Cursor[] = [];
  constructor(
    readonly topic: TopicPort,
    readonly edgeId: string,
    readonly filter: FilterPattern | undefined,
    readonly site: RecordSite,
  ) {}

  onAppend(partition: number): void {
    const worker = this.cursors[partition].worker;
    if (worker !== undefined && !worker.busy) worker.pump();
  }
}
