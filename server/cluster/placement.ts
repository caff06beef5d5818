import { failure, success, type ServiceResult } from "../services/result";
import type { LeaseStore } from "./lease-store";
import { leastLoaded, type MemberLoad } from "./members";

/** The caps a whole cluster holds, on top of each server's own. */
export interface ClusterCaps {
  /** Runs across all servers (CLUSTER_MAX_RUNNING_FLOWS). */
  maxRunningFlows: number;
  /** Configured events per second across all runs of all servers (CLUSTER_MAX_EVENTS_PER_SEC). */
  maxEventsPerSec: number;
  /** What one flow may produce (MAX_FLOW_EVENTS_PER_SEC): a run never counts for more. */
  maxFlowEventsPerSec: number;
}

interface Members {
  list(): Promise<MemberLoad[]>;
  beat(load: MemberLoad): Promise<void>;
}

const LOCK = "placement";
const LOCK_MS = 5000;
const WAIT_STEP_MS = 20;

/**
 * Places new runs on the least loaded server while the cluster's caps hold. One placement at a
 * time across the cluster (a short lease on `placement`), and each placement adds its run to the
 * chosen server's reported load at once, so two deploys at the same moment on two servers never
 * both take the last place. The server's own next heartbeat replaces the estimate with the truth.
 */
export function clusterPlacement(
  members: Members,
  locks: LeaseStore,
  self: string,
  caps: ClusterCaps,
  wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms)),
) {
  async function locked<T>(work: () => Promise<ServiceResult<T>>): Promise<ServiceResult<T>> {
    const deadline = performance.now() + LOCK_MS;
    let token: number | null = null;
    while ((token = await locks.tryAcquire(LOCK, self, LOCK_MS)) === null) {
      if (performance.now() > deadline)
        return failure(503, "The cluster is busy placing other runs: deploy again in a moment");
      await wait(WAIT_STEP_MS);
    }
    try {
      return await work();
    } finally {
      await locks.release(LOCK, self, token);
    }
  }

  return {
    /** The server a new run asking for `rate` events/s goes to, or 429 naming the cap it passes. */
    place: (asked: number): Promise<ServiceResult<string>> =>
      locked(async () => {
        const rate = Math.min(asked, caps.maxFlowEventsPerSec);
        const list = await members.list();
        const flows = list.reduce((sum, m) => sum + m.runningFlows, 0);
        const events = list.reduce((sum, m) => sum + m.eventsPerSec, 0);
        if (flows + 1 > caps.maxRunningFlows)
          return failure(
            429,
            `This cluster runs at most ${caps.maxRunningFlows} flows at once (CLUSTER_MAX_RUNNING_FLOWS) and ${flows} are running: stop another flow first`,
          );
        if (events + rate > caps.maxEventsPerSec)
          return failure(
            429,
            `This cluster runs at most ${caps.maxEventsPerSec} events/s across all flows (CLUSTER_MAX_EVENTS_PER_SEC); ${Math.round(events)} are in use and this flow asks for ${Math.round(rate)}. Lower the producers' rates or stop another flow`,
          );
        const target = leastLoaded(list) ?? { server: self, runningFlows: 0, eventsPerSec: 0 };
        await members.beat({
          server: target.server,
          runningFlows: target.runningFlows + 1,
          eventsPerSec: target.eventsPerSec + rate,
        });
        return success(target.server);
      }),
  };
}
