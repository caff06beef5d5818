import type { Outcome } from "../records/outcomes";
import type { WindowRates } from "../metrics/node-metrics";
import type { Topology } from "./topology";

export interface PartitionLag {
  topicNodeId: string;
  topic: string;
  partition: number;
  committedOffset: number;
  endOffset: number;
  lag: number;
}

export interface PartitionState {
  partition: number;
  baseOffset: number;
  endOffset: number;
  size: number;
  trimmed: number;
}

/** One node's exact numbers at one instant. */
export interface NodeMetricsSnapshot {
  nodeId: string;
  kind: "producer" | "topic" | "consumer";
  /** Records by outcome attributed to this node (topics: `published` = events appended). */
  counts: Record<Outcome, number>;
  /** Per second over the last 1/10/60 whole seconds. in: topic appends, consumer deliveries; out: producer publishes, topic none, consumer acks + given up. */
  rates: { in: WindowRates; out: WindowRates };
  inFlight: number;
  /** Consumers: lag per subscribed partition, and the total. */
  lag?: { total: number; partitions: PartitionLag[] };
  /**
   * Consumers: events retention trimmed from a subscribed partition before this group
   * fetched them (skipped already, or trimmed and about to be skipped). Topics: the same,
   * summed over the groups that subscribe to the topic.
   */
  lostToRetention?: number;
  /** Consumers: publish→ack latency quantiles in ms, over every ack so far. */
  latency?: { count: number; p50: number; p95: number; p99: number };
  /** Topics: the partition logs. */
  partitions?: PartitionState[];
  /** Producers: paused; consumers: online. */
  paused?: boolean;
  online?: boolean;
}

export interface RunMetrics {
  atMs: number;
  nodes: Record<string, NodeMetricsSnapshot>;
}

/** Reads every node's metrics; cost grows with nodes and partitions, not with events. */
export function snapshotMetrics(topology: Topology, now: number, withLatency = true): RunMetrics {
  const nodes: Record<string, NodeMetricsSnapshot> = {};
  // Events trimmed but not yet skipped by a group, per topic (they are lost already).
  const pendingLossByTopic = new Map<string, number>();
  for (const group of topology.groups.values())
    for (const sub of group.subscriptions)
      for (const c of sub.cursors)
        if (c.position < c.log.baseOffset)
          pendingLossByTopic.set(
            sub.topic.nodeId,
            (pendingLossByTopic.get(sub.topic.nodeId) ?? 0) + c.log.baseOffset - c.position,
          );
  for (const [nodeId, m] of topology.metrics) {
    const snap: NodeMetricsSnapshot = {
      nodeId,
      kind: m.kind,
      counts: m.countsByOutcome(),
      rates: m.rates(now),
      inFlight: m.inFlight,
    };
    const topic = topology.topics.get(nodeId);
    if (topic) {
      snap.lostToRetention = m.lostToRetention + (pendingLossByTopic.get(nodeId) ?? 0);
      snap.partitions = topic.partitionStates(now);
    }
    const group = topology.groups.get(nodeId);
    if (group) {
      const partitions: PartitionLag[] = [];
      let pendingLoss = 0;
      for (const sub of group.subscriptions) {
        for (const c of sub.cursors) {
          if (c.position < c.log.baseOffset) pendingLoss += c.log.baseOffset - c.position;
          partitions.push({
            topicNodeId: sub.topic.nodeId,
            topic: sub.topic.config.name,
            partition: c.partition,
            committedOffset: c.committed,
            endOffset: c.log.endOffset,
            lag: c.lag,
          });
        }
      }
      snap.lostToRetention = m.lostToRetention + pendingLoss;
      snap.lag = { total: partitions.reduce((sum, p) => sum + p.lag, 0), partitions };
      const h = m.histogram!;
      if (withLatency)
        snap.latency = { count: h.total, p50: h.quantile(0.5), p95: h.quantile(0.95), p99: h.quantile(0.99) };
      snap.online = group.online;
    }
    const producer = topology.producers.get(nodeId);
    if (producer) snap.paused = producer.paused;
    nodes[nodeId] = snap;
  }
  return { atMs: now, nodes };
}
