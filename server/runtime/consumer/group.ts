import { createEvent } from "@/lib/events";
import type { ConsumerConfig, ConsumerNode, FilterPattern } from "@/lib/flow";
import type { TopicPort } from "../broker/port";
import type { NodeMetrics } from "../metrics/node-metrics";
import type { RunContext } from "../run-context";
import type { GroupOutputs } from "./outputs";
import { Cursor, Subscription } from "./subscription";
import { checkTransform, type CheckedTransform } from "./transform";
import { Worker } from "./worker";

/** The committed offsets of a group, by `topicNodeId/partition`, carried across restarts. */
export type OffsetBook = Map<string, number>;

export interface SubscriptionSpec {
  topic: TopicPort;
  edgeId: string;
  filter: FilterPattern | undefined;
}

/**
 * A consumer node at run time: a consumer group with `concurrency` workers sharing the
 * partitions of its subscriptions. Partition i (counted across subscriptions in edge order)
 * belongs to worker i mod concurrency.
 */
export class ConsumerGroupRunner {
  readonly config: ConsumerConfig;
  readonly workers: Worker[] = [];
  readonly subscriptions: Subscription[] = [];
  readonly transform: CheckedTransform;
  readonly source: string;
  online: boolean;
  /** The run is stopping: finish what is in hand, fetch nothing new. */
  draining = false;
  outputs: GroupOutputs = { emits: [], replies: [], deadLetter: undefined };

  constructor(
    readonly ctx: RunContext,
    readonly node: ConsumerNode,
    readonly metrics: NodeMetrics,
    specs: SubscriptionSpec[],
    offsets: OffsetBook | undefined,
  ) {
    this.config = node.config;
    this.online = node.config.online;
    this.source = `/eventloom/consumers/${node.config.group}`;
    this.transform =
      node.config.action === "transform"
        ? checkTransform(node.config.transformExpression)
        : { ok: false, message: "not a transform" };
    for (let w = 0; w < node.config.concurrency; w++) this.workers.push(new Worker(this));
    let index = 0;
    for (const spec of specs) {
      const site = {
        nodeId: node.id,
        edgeId: spec.edgeId,
        topicNodeId: spec.topic.nodeId,
        topic: spec.topic.config.name,
        group: node.config.group,
      };
      const sub = new Subscription(spec.topic, spec.edgeId, spec.filter, site);
      for (let p = 0; p < spec.topic.partitionCount; p++) {
        const reader = spec.topic.reader(node.config.group, p, {
          maxDeliveries: node.config.retry.maxAttempts,
        });
        const log = reader.log;
        // A group new to a topic starts at its end (Kafka's auto.offset.reset = latest).
        const committed = offsets?.get(`${spec.topic.nodeId}/${p}`) ?? log.endOffset;
        // A restart past events retention trimmed meanwhile skips them: they are lost to this group.
        if (committed < log.baseOffset) {
          metrics.lostToRetention += log.baseOffset - committed;
          spec.topic.metrics.lostToRetention += log.baseOffset - committed;
        }
        const worker = this.workers[index++ % this.workers.length];
        const cursor = new Cursor(
          sub,
          p,
          reader,
          Math.min(Math.max(committed, log.baseOffset), log.endOffset),
          worker,
        );
        sub.cursors.push(cursor);
        worker.cursors.push(cursor);
      }
      this.subscriptions.push(sub);
    }
  }

  /** Wakes every idle worker (after start, coming online, an offset reset). */
  pumpAll(): void {
    for (const worker of this.workers) {
      if (worker.parked) worker.unpark();
      else if (!worker.busy) worker.pump();
    }
  }

  setOnline(online: boolean): void {
    this.online = online;
    if (online) this.pumpAll();
  }

  /** Committed offsets to hand to the group's next incarnation. */
  offsetBook(): OffsetBook {
    const book: OffsetBook = new Map();
    for (const sub of this.subscriptions)
      for (const c of sub.cursors) book.set(`${sub.topic.nodeId}/${c.partition}`, c.committed);
    return book;
  }

  /**
   * Stops this incarnation: timers aimed at its workers are ignored from now on. Deliveries
   * in hand are not committed, so the next incarnation delivers them again (at-least-once).
   */
  retire(): void {
    for (const worker of this.workers) worker.retire();
  }

  /** Publishes the reply to each `replies` topic: same correlation id, caused by the request. */
  emitReply(worker: Worker, now: number): void {
    const request = worker.event!;
    for (const out of this.outputs.replies) {
      const data = { requestId: request.id, status: "ok", group: this.config.group };
      const reply = createEvent({
        id: this.ctx.nextEventId(),
        source: this.source,
        type: `${request.type}.reply`,
        timeMs: Math.floor(now),
        data,
        cause: request,
      });
      this.ctx.publish(out.topic, reply, out.site, request.correlationid, this.metrics, now);
    }
  }

  /** Emits a transform's result to each `emits` topic (nothing when it was undefined), then acks. */
  emitTransformed(worker: Worker, value: unknown, now: number): void {
    const cause = worker.event!;
    if (value !== undefined) {
      for (const out of this.outputs.emits) {
        const event = createEvent({
          id: this.ctx.nextEventId(),
          source: this.source,
          type: `${cause.type}.transformed`,
          timeMs: Math.floor(now),
          data: value,
          cause,
        });
        this.ctx.publish(out.topic, event, out.site, cause.correlationid, this.metrics, now);
      }
    }
    worker.ack(now);
  }
}
