import { randomBytes } from "node:crypto";
import type { RunStatus } from "@/lib/realtime/protocol";
import type { FlowRun } from "../runtime";
import { buildRun, reportsOf } from "./run-build";
import type { FlowService } from "./flows";
import { failure, success, type ServiceResult } from "./result";
import { configuredEventRate } from "./run-rate";
import type { BackendAvailability } from "@/lib/api/brokers";
import { TOPIC_BACKEND_LABELS } from "@/lib/flow";
import type { RunOwnership } from "../cluster/run-ownership";
import { brokersAnswer, capNote, memoryNote, serverRateRefusal, startRefusal } from "./deploy-checks";
import type { RunLimits, RunListener, RunningFlowsStore } from "./run-limits";
import { serializePerKey } from "./serialize-per-key";
import { describeRun, onlyEmbeddedAvailable, type RunEntry } from "./run-entry";
import type { SpreadRuns } from "./spread-runs";

export type { RunLimits, RunListener, RunningFlowsStore } from "./run-limits";

const KEEP_STOPPED = 20;

/** What a resumed run says about itself (status `resumed`), shown beside "Running". */
export const RESUMED =
  "Resumed after the server restarted. Topics on the embedded broker started empty; topics on Redis Streams or NATS JetStream continue from their stored events and offsets";

/**
 * The live runs of this server: deploy (or redeploy by diff), stop, status, caps. A stopped
 * run is kept (the last KEEP_STOPPED of them) so its history can still be inspected.
 */
export function runRegistry(
  flows: FlowService,
  limits: RunLimits,
  {
    store,
    ownership,
    spread,
  }: {
    store?: RunningFlowsStore;
    ownership?: RunOwnership;
    /** In a cluster: which partitions this server reads of the runs whose groups spread. */
    spread?: Pick<SpreadRuns, "shareFor">;
  } = {},
) {
  const entries = new Map<string, RunEntry>();
  let resuming = false;
  const oneAtATime = serializePerKey();
  const listeners = new Set<RunListener>();
  const statusOf = (flowId: string): RunStatus => describeRun(flowId, entries.get(flowId));
  const announce = (flowId: string) => listeners.forEach((l) => l.onStatus(statusOf(flowId)));
  const running = () => [...entries.values()].filter((e) => e.state !== "stopped");
  // The budget is enforced as the run goes; the status says so within a second of it starting.
  const memoryWatch = setInterval(() => {
    for (const [flowId, entry] of entries) {
      if (entry.state !== "running") continue;
      const note = memoryNote(entry.run, limits);
      if (note === entry.memoryNote) continue;
      entry.memoryNote = note;
      announce(flowId);
    }
  }, 1000);
  memoryWatch.unref();
  const forgetOldStopped = () => {
    const stopped = [...entries].filter(([, e]) => e.state === "stopped");
    for (const [id] of stopped.slice(0, Math.max(0, stopped.length - KEEP_STOPPED))) entries.delete(id);
  };

  limits.brokers?.onReachability((backend, reachable, reason) => {
    for (const [flowId, entry] of entries) {
      if (entry.state !== "running" || !entry.backends.has(backend)) continue;
      if (reachable) entry.unreachable.delete(backend);
      else
        entry.unreachable.set(
          backend,
          `${TOPIC_BACKEND_LABELS[backend]} unreachable, retrying${reason ? ` (${reason})` : ""}`,
        );
      announce(flowId);
    }
  });

  // Fencing: a run whose lease is gone stops at once; its new owner runs it from now on.
  ownership?.onLost((flowId) => {
    const entry = entries.get(flowId);
    // Quietly: its watchers, on every server, hear the new owner's run, not this one stopping.
    if (entry) void stopEntry(flowId, entry, 0, "another server took this run over", { quiet: true });
  });

  async function stopEntry(
    flowId: string,
    entry: RunEntry,
    graceMs: number,
    reason?: string,
    { quiet = false } = {},
  ) {
    if (entry.state === "stopped") return;
    entry.state = "stopping";
    entry.reason = reason;
    if (!quiet) announce(flowId);
    await entry.run.stop({ graceMs });
    entry.clock.clear();
    entry.state = "stopped";
    if (!quiet) announce(flowId);
  }

  async function deployNow(
    flowId: string,
    at?: { version: number; resumed: string },
  ): Promise<ServiceResult<RunStatus>> {
    // A resume that lost the race to a deploy by hand leaves the newer run alone.
    if (at && entries.get(flowId)?.state === "running") return success(statusOf(flowId));
    const flow = at ? await flows.versionOf(flowId, at.version) : await flows.get(flowId);
    if (!flow.ok) return flow;
    const { graph, version, issues } = flow.value;
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0)
      return failure(
        400,
        `The saved flow has ${errors.length} problem${errors.length === 1 ? "" : "s"}: fix them before deploying`,
        { issues: errors.map(({ path, message }) => ({ path, message })) },
      );
    const asked = configuredEventRate(graph);
    const rate = Math.min(asked, limits.maxFlowEventsPerSec);
    const current = entries.get(flowId);
    const brokers = await brokersAnswer(graph, limits);
    if (!brokers.ok) return brokers;
    const others = running()
      .filter((e) => e !== current)
      .reduce((sum, e) => sum + e.rate, 0);
    const rateRefusal = serverRateRefusal(others, rate, limits);
    if (rateRefusal) return rateRefusal;
    if (current && current.state === "running") {
      const applied = current.run.apply(graph, version);
      if (!applied.ok)
        return failure(400, applied.error.message, {
          issues: applied.error.issues?.map(({ path, message }) => ({ path, message })),
        });
      Object.assign(current, {
        rate,
        capped: capNote(asked, limits),
        resumed: undefined,
        backends: brokers.value,
      });
      await store?.markRunning(flowId, version);
      announce(flowId);
      return success(statusOf(flowId));
    }
    if (current?.state === "stopping")
      return failure(409, "The flow is still stopping: deploy again in a moment");
    const refusal = startRefusal(running().length, limits);
    if (refusal) return refusal;
    const claim = ownership ? await ownership.claim(flowId) : undefined;
    if (claim && !claim.ok)
      return failure(
        409,
        `This flow is running on another server${claim.owner ? ` (${claim.owner})` : ""}: it is stopped or redeployed there`,
      );
    // Event ids start with the run's id: a random one, since the flow id is the capability
    // to edit and events are shown to read-only viewers too.
    const runId = randomBytes(6).toString("base64url");
    const { created, clock } = buildRun(limits, {
      flowId,
      runId,
      graph,
      version,
      ...reportsOf(flowId, listeners, ownership),
      reads: spread?.shareFor(flowId, runId, graph),
    });
    if (!created.ok) {
      await ownership?.release(flowId);
      return failure(400, created.error.message, {
        issues: created.error.issues?.map(({ path, message }) => ({ path, message })),
      });
    }
    entries.set(flowId, {
      run: created.value,
      clock,
      startedAt: new Date(),
      rate,
      state: "running",
      capped: capNote(asked, limits),
      resumed: at?.resumed,
      backends: brokers.value,
      unreachable: new Map(),
    });
    forgetOldStopped();
    created.value.start();
    await store?.markRunning(flowId, version);
    announce(flowId);
    return success(statusOf(flowId));
  }

  /**
   * Runs the saved version of a flow (or the given `version`, when resuming); a running flow
   * is redeployed by diff. The deployed version is recorded so a restart can resume it.
   */
  function deploy(
    flowId: string,
    at?: { version: number; resumed: string },
  ): Promise<ServiceResult<RunStatus>> {
    // One deploy of a flow at a time: a double click, or a resume racing a deploy by hand,
    // must not start two runs of one flow.
    return oneAtATime(flowId, () => deployNow(flowId, at));
  }

  /** Deploys each recorded run this server does not run yet and may own. */
  async function resumeRows(rows: { flowId: string; version: number }[]) {
    const results: { flowId: string; ok: boolean; message?: string }[] = [];
    for (const row of rows) {
      if (entries.get(row.flowId)?.state === "running") continue;
      if (ownership && !(await ownership.claim(row.flowId)).ok) continue;
      const resumed = await deploy(row.flowId, { version: row.version, resumed: RESUMED });
      results.push(
        resumed.ok
          ? { flowId: row.flowId, ok: true }
          : { flowId: row.flowId, ok: false, message: resumed.body.error },
      );
    }
    return results;
  }

  return {
    /** The limits runs are built with (what a hand-made event may weigh, among others). */
    limits,
    subscribe(listener: RunListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    deploy,

    async stop(flowId: string, graceMs = 2000): Promise<ServiceResult<RunStatus>> {
      const flow = await flows.get(flowId);
      if (!flow.ok) return flow;
      const entry = entries.get(flowId);
      await store?.markStopped(flowId);
      if (entry) await stopEntry(flowId, entry, graceMs);
      await ownership?.release(flowId);
      return success(statusOf(flowId));
    },

    /**
     * Starts again every flow that was running when this server last stopped (cleanly or not),
     * at the version that was deployed. Returns what happened to each, for the start-up log.
     * In a cluster, servers call it every few seconds: a run whose owner died (its lease ran
     * out) is taken over by whichever server claims its lease first.
     */
    async resumeAll(): Promise<{ flowId: string; ok: boolean; message?: string }[]> {
      if (resuming || !store) return [];
      resuming = true;
      try {
        return await resumeRows(await store.list());
      } finally {
        resuming = false;
      }
    },

    /**
     * Stops every run (server shutdown): producers stop, deliveries in hand get `graceMs`. The
     * runs stay recorded as running, so the next start resumes them.
     */
    async stopAll(graceMs = 2000, reason = "the server is shutting down") {
      // In a cluster another server takes the runs over: their watchers hear that, not a stop.
      const quiet = ownership !== undefined;
      await Promise.all([...entries].map(([id, e]) => stopEntry(id, e, graceMs, reason, { quiet })));
      await ownership?.releaseAll();
    },

    status: statusOf,
    /** What this server runs now, for the cluster's placement of new runs. */
    load: () => ({
      runningFlows: running().length,
      eventsPerSec: running().reduce((sum, e) => sum + e.rate, 0),
    }),
    /** The topic backends this server can place topics on now (the designer offers them). */
    brokerAvailability: (): BackendAvailability[] =>
      limits.brokers?.availability() ?? onlyEmbeddedAvailable(),
    /** The run of a flow, running or the last one stopped. */
    run: (flowId: string): FlowRun | undefined => entries.get(flowId)?.run,
    isRunning: (flowId: string) => entries.get(flowId)?.state === "running",
    /** The flows running on this server now (metrics). */
    runningFlowIds: (): string[] => [...entries].filter(([, e]) => e.state === "running").map(([id]) => id),
    /** Forgets a deleted flow's run, stopping it first. */
    async forget(flowId: string) {
      const entry = entries.get(flowId);
      if (entry) await stopEntry(flowId, entry, 0, "the flow was deleted");
      entries.delete(flowId);
    },
  };
}
export type RunRegistry = ReturnType<typeof runRegistry>;
