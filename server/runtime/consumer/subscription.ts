import type { FilterPattern } from "@/lib/flow";
import type { AppendListener, TopicState } from "../broker/topic";
import type { PartitionLog } from "../broker/partition-log";
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
  constructor(
    readonly subscription: Subscription,
    readonly partition: number,
    readonly log: PartitionLog,
    public committed: number,
    public worker: Worker | undefined,
  ) {
    this.position = committed;
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
    readonly topic: TopicState,
    readonly edgeId: string,
    readonly filter: FilterPattern | undefined,
    readonly site: RecordSite,
  ) {}

  onAppend(partition: number): void {
    const worker = this.cursors[partition].worker;
    if (worker !== undefined && !worker.busy) worker.pump();
  }
}
