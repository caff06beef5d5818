import {
  diffGraphs,
  emptyGraph,
  sameJson,
  type ConsumerNode,
  type FlowGraph,
  type ProducerNode,
  type TopicConfig,
} from "@/lib/flow";
import { TopicState } from "../broker/topic";
import type { BrokerPorts, GroupPositionTarget, TopicPort } from "../broker/port";
import { ConsumerGroupRunner, type OffsetBook, type SubscriptionSpec } from "../consumer/group";
import type { Output } from "../consumer/outputs";
import { NodeMetrics } from "../metrics/node-metrics";
import { ProducerRunner } from "../producer/producer";
import type { RunContext } from "../run-context";
import { embeddedPosition } from "./offset-reset";

/**
 * The running shape of a flow: topics, producers and consumer groups by node id. `apply`
 * moves it from one graph to the next by diff, so whatever did not change keeps running and
 * topic logs and committed offsets of nodes that still exist survive.
 */
export class Topology {
  graph: FlowGraph = emptyGraph();
  readonly topics = new Map<string, TopicPort>();
  readonly producers = new Map<string, ProducerRunner>();
  readonly groups = new Map<string, ConsumerGroupRunner>();
  readonly metrics = new Map<string, NodeMetrics>();

  constructor(
    private readonly ctx: RunContext,
    private readonly seed: number,
    private readonly brokers: BrokerPorts = {},
  ) {}

  /** Applies `next`; starts what is new when `running`. Returns the ids of nodes (re)started. */
  apply(next: FlowGraph, now: number, running: boolean): string[] {
    const diff = diffGraphs(this.graph, next);
    const before = this.graph;
    this.graph = next;
    const restarted: string[] = [];
    const gone = [
      ...diff.removedNodes,
      ...diff.changedNodes.filter((c) => c.before.kind !== c.after.kind).map((c) => c.before),
    ];
    for (const node of gone) {
      this.producers.get(node.id)?.retire();
      this.groups.get(node.id)?.retire();
      this.producers.delete(node.id);
      this.groups.delete(node.id);
      this.topics.get(node.id)?.close();
      this.topics.delete(node.id);
      this.metrics.delete(node.id);
    }
    // Topics first: consumers and producers point at them.
    const resizedTopics = new Set<string>();
    for (const node of next.nodes) {
      if (node.kind !== "topic") continue;
      const topic = this.topics.get(node.id);
      // A topic moved to another broker is a new topic there: its subscribers start over.
      if (!topic || topic.backend !== (node.config.backend ?? "embedded")) {
        topic?.close();
        const created = this.openTopic(node.id, node.config);
        this.topics.set(node.id, created);
        this.metrics.set(node.id, created.metrics);
        if (topic) resizedTopics.add(node.id);
      } else if (!sameJson(topic.config, node.config)) {
        if (topic.config.partitions !== node.config.partitions || topic.config.name !== node.config.name)
          resizedTopics.add(node.id);
        topic.configure(node.config, now);
      }
    }
    for (const node of next.nodes) {
      if (node.kind !== "consumer") continue;
      const old = this.groups.get(node.id);
      const inputsChanged = !sameJson(subscriptionsOf(before, node.id), subscriptionsOf(next, node.id));
      const topicResized = subscriptionsOf(next, node.id).some((s) => resizedTopics.has(s.source));
      if (old && sameJson(old.node.config, node.config) && !inputsChanged && !topicResized) continue;
      // Offsets survive when the group (its name) survives.
      const offsets = old && old.config.group === node.config.group ? old.offsetBook() : undefined;
      old?.retire();
      const metrics = this.metricsFor(node.id, "consumer");
      const group = new ConsumerGroupRunner(
        this.ctx,
        node as ConsumerNode,
        metrics,
        this.specsFor(next, node.id),
        offsets,
      );
      this.groups.set(node.id, group);
      restarted.push(node.id);
    }
    for (const node of next.nodes) {
      if (node.kind !== "producer") continue;
      const old = this.producers.get(node.id);
      if (old && sameJson(old.node.config, node.config)) continue;
      old?.retire();
      this.producers.set(
        node.id,
        new ProducerRunner(this.ctx, node as ProducerNode, this.metricsFor(node.id, "producer"), this.seed),
      );
      restarted.push(node.id);
    }
    this.wire(next);
    this.releaseGroups();
    if (running) this.startNodes(restarted, now);
    return restarted;
  }

  /** Every topic, closed: the run is over (remote brokers keep the events and positions). */
  closeTopics(): void {
    for (const topic of this.topics.values()) topic.close();
  }

  private openTopic(nodeId: string, config: TopicConfig): TopicPort {
    const backend = config.backend ?? "embedded";
    if (backend === "embedded") return new TopicState(nodeId, config, this.ctx.memory);
    const broker = this.brokers[backend];
    // createFlowRun and apply refuse graphs whose brokers are missing, so this never happens.
    if (!broker) throw new Error(`no ${backend} broker for topic '${config.name}'`);
    return broker.openTopic(nodeId, config, this.ctx);
  }

  /** Tells each topic which groups still read it, so remote fetchers of the others stop. */
  private releaseGroups(): void {
    const keep = new Map<string, Set<string>>();
    for (const group of this.groups.values())
      for (const sub of group.subscriptions) {
        const names = keep.get(sub.topic.nodeId) ?? new Set<string>();
        names.add(group.config.group);
        keep.set(sub.topic.nodeId, names);
      }
    for (const topic of this.topics.values()) topic.releaseGroups(keep.get(topic.nodeId) ?? new Set());
  }

  /**
   * Moves a group's committed offsets (replay or skip) on the topics `targetFor` names a
   * target for; elsewhere they stay. The group restarts from them: a delivery in hand is
   * abandoned uncommitted, exactly as on redeploy.
   */
  resetOffsets(
    consumerId: string,
    targetFor: (topic: TopicPort) => GroupPositionTarget | undefined,
    now: number,
    running: boolean,
  ): boolean {
    const old = this.groups.get(consumerId);
    if (!old) return false;
    const offsets: OffsetBook = new Map();
    for (const sub of old.subscriptions) {
      const target = targetFor(sub.topic);
      if (target && sub.topic.backend !== "embedded") continue;
      for (const c of sub.cursors) {
        const moved = target && embeddedPosition(target, c.partition, c.log);
        offsets.set(`${sub.topic.nodeId}/${c.partition}`, moved ?? c.committed);
      }
    }
    old.retire();
    // On a remote broker the group's position lives there: moved there, fetched afresh.
    for (const sub of old.subscriptions) {
      const target = targetFor(sub.topic);
      if (target && sub.topic.backend !== "embedded") sub.topic.resetGroup(old.config.group, target, now);
    }
    const group = new ConsumerGroupRunner(
      this.ctx,
      old.node,
      old.metrics,
      this.specsFor(this.graph, consumerId),
      offsets,
    );
    group.online = old.online;
    this.groups.set(consumerId, group);
    this.wire(this.graph);
    if (running) group.pumpAll();
    return true;
  }

  /** Starts producers and wakes groups among `ids`. */
  startNodes(ids: readonly string[], now: number): void {
    for (const id of ids) this.producers.get(id)?.start(now);
    for (const id of ids) this.groups.get(id)?.pumpAll();
  }

  /** Rebuilds every edge-derived reference: topic listeners, producer and consumer outputs. */
  private wire(graph: FlowGraph): void {
    for (const topic of this.topics.values()) topic.listeners = [];
    for (const group of this.groups.values())
      for (const sub of group.subscriptions) sub.topic.listeners.push(sub);
    const outputs = (sourceId: string, kind: string): Output[] =>
      graph.edges
        .filter((e) => e.source === sourceId && e.kind === kind && this.topics.has(e.target))
        .map((e) => {
          const topic = this.topics.get(e.target)!;
          const group = this.groups.get(sourceId)?.config.group;
          return {
            topic,
            site: {
              nodeId: sourceId,
              edgeId: e.id,
              topicNodeId: topic.nodeId,
              topic: topic.config.name,
              ...(group ? { group } : {}),
            },
          };
        });
    for (const producer of this.producers.values()) producer.outputs = outputs(producer.node.id, "publishes");
    for (const group of this.groups.values()) {
      const id = group.node.id;
      group.outputs = {
        emits: outputs(id, "emits"),
        replies: outputs(id, "replies"),
        deadLetter: outputs(id, "dead-letters")[0],
      };
    }
  }

  private specsFor(graph: FlowGraph, consumerId: string): SubscriptionSpec[] {
    return subscriptionsOf(graph, consumerId).map((edge) => ({
      topic: this.topics.get(edge.source)!,
      edgeId: edge.id,
      filter: edge.filter,
    }));
  }

  private metricsFor(nodeId: string, kind: "producer" | "consumer"): NodeMetrics {
    let metrics = this.metrics.get(nodeId);
    if (!metrics || metrics.kind !== kind) {
      metrics = new NodeMetrics(nodeId, kind);
      this.metrics.set(nodeId, metrics);
    }
    return metrics;
  }
}

function subscriptionsOf(graph: FlowGraph, consumerId: string) {
  return graph.edges.flatMap((e) => (e.kind === "subscribes" && e.target === consumerId ? [e] : []));
}
