import type { FlowRecord, ViewLink } from "@/lib/api/flows";
import type { StorageService } from "./storage";
import type { FlowService } from "./flows";
import { success, type ServiceResult } from "./result";
import { runUseCases, type RunUseCases } from "./run-use-cases";
import type { RunRegistry } from "./runs";
import type { LiveFlows } from "./live-flows";
import type { SpreadRuns } from "./spread-runs";
import { routedRunUseCases, type RunRoute } from "../cluster/routed-run-use-cases";
import { answerFlowEdits, routedFlowEdits } from "../cluster/routed-flow-edits";
import type { DocCluster } from "../cluster/doc-relay";

/**
 * The use cases of Eventloom, the one layer both transports call: REST route handlers and the
 * socket gateway. Each takes a reference (flow id or view token) and checks its access first.
 */
export interface Services extends RunUseCases {
  flows: FlowService;
  runs: RunRegistry;
  /** True in a cluster: the run use cases go to the server that owns the run. */
  clustered: boolean;
  /** In a cluster: consumer groups spread over the servers (member runs on this one). */
  spread?: SpreadRuns;
  /** The database's storage state and limits (absent in tests that compose services without it). */
  storage?: StorageService;
  /** The shared documents of flows people are editing together right now. */
  live: LiveFlows;
  deleteFlow(ref: string): Promise<ServiceResult<null>>;
  regenerateViewLink(ref: string): Promise<ServiceResult<ViewLink>>;
  removeViewLink(ref: string): Promise<ServiceResult<null>>;
  fork(ref: string): Promise<ServiceResult<FlowRecord>>;
  /** Called with a flow id whenever its view link changes, so old viewers can be let go. */
  onViewLinkChanged(listener: (flowId: string) => void): () => void;
}

/**
 * Builds the use cases over a flow service and a run registry. In a cluster, the run use cases
 * go to the server that owns the run (`route`), and answer the other servers' calls with this
 * server's own (`answerWith`).
 */
export function composeServices(
  flows: FlowService,
  runs: RunRegistry,
  cluster?: {
    route: RunRoute;
    answerWith(local: RunUseCases): void;
    spread?: SpreadRuns;
    /** Co-editing across servers: REST edits of a flow go to the server holding its document. */
    docs?: DocCluster;
  },
  storage?: StorageService,
): Services {
  if (cluster?.docs) {
    cluster.docs.answerEdits?.(answerFlowEdits(flows));
    flows = routedFlowEdits(flows, cluster.docs);
  }
  const local = runUseCases(flows, runs);
  cluster?.answerWith(local);
  const viewLinkListeners = new Set<(flowId: string) => void>();
  const viewLinkChanged = (flowId: string) => viewLinkListeners.forEach((l) => l(flowId));
  return {
    flows,
    runs,
    clustered: cluster !== undefined,
    spread: cluster?.spread,
    storage,
    live: flows.live,
    ...(cluster ? routedRunUseCases(local, flows, cluster.route) : local),
    async deleteFlow(ref) {
      const removed = await flows.remove(ref);
      if (!removed.ok) return removed;
      await flows.live.discard(removed.value.flowId);
      await runs.forget(removed.value.flowId);
      viewLinkChanged(removed.value.flowId);
      return success(null);
    },
    async regenerateViewLink(ref) {
      const link = await flows.regenerateViewLink(ref);
      if (!link.ok) return link;
      viewLinkChanged(link.value.flowId);
      return success({ token: link.value.token, path: link.value.path });
    },
    async removeViewLink(ref) {
      const removed = await flows.removeViewLink(ref);
      if (!removed.ok) return removed;
      viewLinkChanged(removed.value.flowId);
      return success(null);
    },
    fork: (ref) => flows.fork(ref),
    onViewLinkChanged(listener) {
      viewLinkListeners.add(listener);
      return () => viewLinkListeners.delete(listener);
    },
  };
}
