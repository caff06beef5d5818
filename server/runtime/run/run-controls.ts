// The controls of a running flow that act on one node (fire, poison, pause, resume, online,
// offsets) and publishing events made outside the flow. Each refuses a wrong node or state
// with a result naming it, and flushes records after acting.
import { fail, ok, type ControlResult } from "../errors";
import type { NodeMetrics } from "../metrics/node-metrics";
import type { RunContext } from "../run-context";
import type { Clock } from "../ports";
import type { Topology } from "./topology";
import { checkReset } from "./offset-reset";
import { checkOffsets } from "./offset-replay";
import type { FlowRun, Placement, RunStatus } from "./flow-run-types";

type Controls = Pick<
  FlowRun,
  | "fire"
  | "injectPoison"
  | "pauseProducer"
  | "resumeProducer"
  | "setConsumerOnline"
  | "resetGroupOffsets"
  | "resetGroupToOffsets"
  | "publish"
>;

interface ControlDeps {
  topology: Topology;
  ctx: RunContext;
  clock: Clock;
  /** Counts events published from outside the flow. */
  external: NodeMetrics;
  status: () => RunStatus;
}

export function runControls({ topology, ctx, clock, external, status: statusNow }: ControlDeps): Controls {
  const producerOf = (id: string) => {
    if (topology.producers.has(id)) return ok(topology.producers.get(id)!);
    return topology.graph.nodes.some((n) => n.id === id)
      ? fail("wrong-kind", `node '${id}' is not a producer`, { nodeId: id })
      : fail("unknown-node", `no node '${id}' in this flow`, { nodeId: id });
  };
  const groupOf = (id: string) => {
    if (topology.groups.has(id)) return ok(topology.groups.get(id)!);
    return topology.graph.nodes.some((n) => n.id === id)
      ? fail("wrong-kind", `node '${id}' is not a consumer`, { nodeId: id })
      : fail("unknown-node", `no node '${id}' in this flow`, { nodeId: id });
  };
  const afterControl = <T>(result: ControlResult<T>) => {
    ctx.flush();
    return result;
  };

  return {
    fire(producerId, count = 1) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      if (statusNow() !== "running") return fail("invalid-state", `the run is ${statusNow()}`);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
        return fail("bad-argument", "count must be a whole number 1..1000000");
      const runner = producer.value;
      const events = runner.config.mode === "burst" ? count * runner.config.burstCount : count;
      const ceiling = ctx.options.maxFireEvents;
      if (events > ceiling)
        return fail(
          "bad-argument",
          `one fire emits at most ${ceiling} events; this one asks for ${events}` +
            (runner.config.mode === "burst" ? ` (${count} bursts of ${runner.config.burstCount})` : ""),
          { nodeId: producerId },
        );
      if (runner.backlog + events > ceiling)
        return fail(
          "invalid-state",
          `the producer is still emitting ${runner.backlog} events of earlier fires; at most ${ceiling} may wait`,
          { nodeId: producerId },
        );
      const emitted = runner.enqueue(events, clock.now());
      const queued = runner.backlog;
      return afterControl(ok(queued > 0 ? { emitted, queued } : { emitted }));
    },
    injectPoison(producerId, count) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      if (statusNow() !== "running") return fail("invalid-state", `the run is ${statusNow()}`);
      if (!Number.isInteger(count) || count < 1 || count > 1_000_000)
        return fail("bad-argument", "count must be a whole number 1..1000000");
      return afterControl(ok({ emitted: producer.value.injectPoison(count, clock.now()) }));
    },
    pauseProducer(producerId) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      producer.value.pause();
      return ok(undefined);
    },
    resumeProducer(producerId) {
      const producer = producerOf(producerId);
      if (!producer.ok) return producer;
      producer.value.resume(clock.now());
      return afterControl(ok(undefined));
    },
    setConsumerOnline(consumerId, online) {
      const group = groupOf(consumerId);
      if (!group.ok) return group;
      if (typeof online !== "boolean") return fail("bad-argument", "online must be true or false");
      group.value.setOnline(online);
      return afterControl(ok(undefined));
    },
    resetGroupOffsets(consumerId, to) {
      const group = groupOf(consumerId);
      if (!group.ok) return group;
      const target = checkReset(to);
      if (!target.ok) return target;
      const restarted = topology.resetOffsets(
        consumerId,
        () => target.value,
        clock.now(),
        statusNow() === "running",
      );
      return afterControl(restarted ? ok(undefined) : fail("invalid-state", "the consumer is gone"));
    },
    async resetGroupToOffsets(consumerId, offsets) {
      const group = groupOf(consumerId);
      if (!group.ok) return group;
      const checked = await checkOffsets(group.value, offsets);
      if (!checked.ok) return checked;
      // Checking asked the brokers: the group may have been redeployed meanwhile, so again.
      const again = topology.groups.get(consumerId);
      const still = again ? await checkOffsets(again, offsets, false) : undefined;
      if (!still?.ok) return still ?? fail("invalid-state", "the consumer is gone");
      const restarted = topology.resetOffsets(
        consumerId,
        (topic) => still.value.get(topic.nodeId),
        clock.now(),
        statusNow() === "running",
      );
      return afterControl(restarted ? ok(undefined) : fail("invalid-state", "the consumer is gone"));
    },
    publish(topicNodeId, events) {
      const topic = topology.topics.get(topicNodeId);
      if (!topic)
        return fail("unknown-node", `no topic '${topicNodeId}' in this flow`, { nodeId: topicNodeId });
      if (statusNow() !== "running") return fail("invalid-state", `the run is ${statusNow()}`);
      const now = clock.now();
      if (!ctx.admitEvents(events.length, now))
        return fail("rate-capped", "the run's cap on events per second is reached");
      const site = { nodeId: topic.nodeId, topicNodeId: topic.nodeId, topic: topic.config.name };
      const placed = events.map(({ event, key }): Placement => {
        const offset = ctx.publish(topic, event, site, key, external, now);
        return { partition: ctx.lastPartition, offset: offset < 0 ? null : offset };
      });
      return afterControl(ok(placed));
    },
  };
}
