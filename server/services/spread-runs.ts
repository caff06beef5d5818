import type { FlowGraph } from "@/lib/flow";
import type { FlowRun, RealTime } from "../runtime";
import { PartitionShare } from "../cluster/partition-share";
import type { SpreadBoard, SpreadRun } from "../cluster/spread-board";
import type { FlowService } from "./flows";
import { buildRun } from "./run-build";
import type { RunLimits, RunListener } from "./run-limits";

/**
 * Whether a flow's consumer groups spread over the servers of a cluster: every topic is on a
 * remote broker (Redis Streams or NATS JetStream), so any server can read a share of the
 * partitions as its own consumer of each group (Redis: a consumer of the group; NATS: the
 * group's durable consumer of that partition), and publish what its consumers send on.
 * Embedded topics live in the owner's memory.
 */
export function spreadable(graph: FlowGraph): boolean {
  const topics = graph.nodes.filter((node) => node.kind === "topic");
  return (
    topics.length > 0 &&
    topics.every((node) => node.kind === "topic" && (node.config.backend ?? "embedded") !== "embedded")
  );
}

/** The runs this server owns, as the registry shows them. */
export interface OwnedRuns {
  runningFlowIds(): string[];
  run(flowId: string): FlowRun | undefined;
}

interface MemberRun {
  spread: SpreadRun;
  run: FlowRun;
  clock: RealTime;
  share: PartitionShare;
  /** False once this member stops: it publishes nothing more. */
  active: boolean;
}

const key = (flowId: string, runMark: string) => `${flowId} ${runMark}`;

/**
 * Consumer groups spread over a cluster. The owner of a run whose topics are all on remote
 * brokers announces it; every other server runs a member of it (its consumers only, never its producers)
 * and all of them, owner included, split each topic's partitions between them (PartitionShare).
 * Call `tick` on every heartbeat: it announces, joins, follows redeploys, offline consumers and
 * stops, and refreshes every split.
 */
export function spreadRuns({
  server,
  board,
  flows,
  limits,
}: {
  server: string;
  board: SpreadBoard;
  flows: Pick<FlowService, "versionOf">;
  limits: RunLimits;
}) {
  const shares = new Map<string, PartitionShare>();
  const members = new Map<string, MemberRun>();
  const listeners = new Set<RunListener>();

  async function ownerSide(owned: OwnedRuns): Promise<void> {
    const live = new Set<string>();
    for (const flowId of owned.runningFlowIds()) {
      const run = owned.run(flowId);
      const share = run && shares.get(key(flowId, run.flowId));
      if (!run || !share) continue;
      live.add(key(flowId, run.flowId));
      if (!spreadable(run.graph)) {
        // Redeployed with a topic that cannot spread: the owner reads everything again.
        share.setMembers([]);
        await board.withdraw(flowId, server);
        continue;
      }
      const offline = Object.entries(run.metrics({ latency: false }).nodes)
        .filter(([, node]) => node.online === false)
        .map(([id]) => id);
      await board.announce({ flowId, owner: server, version: run.version, runMark: run.flowId, offline });
      share.setMembers(await board.join(flowId, run.flowId, server));
    }
    for (const [k, share] of shares) {
      if (live.has(k)) continue;
      shares.delete(k);
      const [flowId, runMark] = k.split(" ");
      share.setMembers([]);
      await board.withdraw(flowId, server);
      await board.leave(flowId, runMark, server);
    }
  }

  async function startMember(spread: SpreadRun): Promise<MemberRun | undefined> {
    const flow = await flows.versionOf(spread.flowId, spread.version);
    if (!flow.ok || !spreadable(flow.value.graph)) return undefined;
    const share = new PartitionShare(server);
    // Its share is known before it reads anything.
    share.setMembers(await board.join(spread.flowId, spread.runMark, server));
    const member = { spread, share, active: true } as MemberRun;
    const { created, clock } = buildRun(limits, {
      flowId: spread.flowId,
      runId: spread.runMark,
      graph: flow.value.graph,
      version: spread.version,
      onRecords: (range) => listeners.forEach((l) => l.onRecords(spread.flowId, range)),
      fence: { holds: () => member.active },
      reads: share.reads,
      role: "member",
    });
    if (!created.ok) return undefined;
    Object.assign(member, { run: created.value, clock });
    created.value.start();
    return member;
  }

  async function stopMember(flowId: string): Promise<void> {
    const member = members.get(flowId);
    if (!member) return;
    members.delete(flowId);
    member.active = false;
    await member.run.stop({ graceMs: 2000 });
    member.clock.clear();
    await board.leave(flowId, member.spread.runMark, server);
  }

  function mirrorOffline(member: MemberRun): void {
    const nodes = member.run.metrics({ latency: false }).nodes;
    for (const [id, node] of Object.entries(nodes)) {
      if (node.online === undefined) continue;
      const online = !member.spread.offline.includes(id);
      if (node.online !== online) member.run.setConsumerOnline(id, online);
    }
  }

  async function memberSide(): Promise<void> {
    const announced = (await board.list()).filter((spread) => spread.owner !== server);
    const seen = new Set<string>();
    for (const spread of announced) {
      seen.add(spread.flowId);
      let member = members.get(spread.flowId);
      const same = member?.spread.runMark === spread.runMark && member.spread.version === spread.version;
      if (member && !same) {
        await stopMember(spread.flowId);
        member = undefined;
      }
      if (!member) {
        member = await startMember(spread);
        if (!member) continue;
        members.set(spread.flowId, member);
      }
      member.spread = spread;
      mirrorOffline(member);
      member.share.setMembers(await board.join(spread.flowId, spread.runMark, server));
    }
    for (const flowId of [...members.keys()]) if (!seen.has(flowId)) await stopMember(flowId);
  }

  let ticking = false;
  return {
    /** For the registry: how a run this server owns reads its partitions (undefined: all of them). */
    shareFor(
      flowId: string,
      runMark: string,
      graph: FlowGraph,
    ): ((partition: number) => boolean) | undefined {
      if (!spreadable(graph)) return undefined;
      const share = new PartitionShare(server);
      shares.set(key(flowId, runMark), share);
      return share.reads;
    },
    /** One heartbeat: the owner's announcements, then the member runs and every split. */
    async tick(owned: OwnedRuns): Promise<void> {
      if (ticking) return;
      ticking = true;
      try {
        await ownerSide(owned);
        await memberSide();
      } finally {
        ticking = false;
      }
    },
    /** The member runs on this server now (their records and metrics go to the watchers too). */
    memberRuns(): { flowId: string; run: FlowRun }[] {
      return [...members].map(([flowId, m]) => ({ flowId, run: m.run }));
    },
    /** Which servers read a flow's partitions now, as this server knows it. */
    membersOf(flowId: string): readonly string[] {
      const member = members.get(flowId);
      if (member) return member.share.members();
      for (const [k, share] of shares) if (k.startsWith(`${flowId} `)) return share.members();
      return [];
    },
    subscribe(listener: RunListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async stopAll(): Promise<void> {
      for (const flowId of [...members.keys()]) await stopMember(flowId);
    },
  };
}
export type SpreadRuns = ReturnType<typeof spreadRuns>;
