import type { FlowService } from "../services/flows";
import { failure, type ServiceResult } from "../services/result";
import type { RunUseCases } from "../services/run-use-cases";
import { configuredEventRate } from "../services/run-rate";
import { RpcUnreachable } from "./rpc";

/** The use cases that act on a flow's run, and so must happen on the server that runs it. */
export const ROUTED = [
  "runView",
  "watch",
  "deploy",
  "stop",
  "control",
  "produce",
  "event",
  "recordedEvents",
  "trace",
  "ingest",
] as const;
type Routed = (typeof ROUTED)[number];
/** Called with the flow id of a verified ingest key, which was the access check. */
const CHECKED_BY_CALLER: readonly Routed[] = ["ingest"];

/** How this server finds a run's owner and reaches other servers. */
export interface RunRoute {
  self: string;
  /** The server that owns the flow's run now, or null when none does. */
  ownerOf(flowId: string): Promise<string | null>;
  /**
   * Where a new run asking for `eventsPerSec` should go: the least loaded server of the cluster,
   * or a refusal when the run would pass a cap of the whole cluster.
   */
  placeNew(eventsPerSec: number): Promise<ServiceResult<string>>;
  call(server: string, method: Routed, args: unknown[]): Promise<unknown>;
}

/**
 * The run use cases of a cluster: each one that acts on a run happens on the server that owns
 * it, whichever server the request reached; a new deploy goes to the least loaded server. The
 * answer comes back as that server gave it. `local` are this server's own use cases, which the
 * other servers call through `route.call`.
 */
export function routedRunUseCases(local: RunUseCases, flows: FlowService, route: RunRoute): RunUseCases {
  function routed<M extends Routed>(method: M): RunUseCases[M] {
    const here = local[method] as (...args: unknown[]) => Promise<ServiceResult<unknown>>;
    return (async (ref: string, ...rest: unknown[]) => {
      let flowId = ref;
      if (!CHECKED_BY_CALLER.includes(method)) {
        const found = await flows.authorize(ref, "view");
        if (!found.ok) return found;
        flowId = found.value.row.id;
      }
      let target = await route.ownerOf(flowId);
      if (target === null && method === "deploy") {
        const flow = await flows.get(flowId);
        if (!flow.ok) return flow;
        const placed = await route.placeNew(configuredEventRate(flow.value.graph));
        if (!placed.ok) return placed;
        target = placed.value;
      }
      if (target === null || target === route.self) return here(ref, ...rest);
      try {
        return (await route.call(target, method, [ref, ...rest])) as ServiceResult<unknown>;
      } catch (error) {
        if (error instanceof RpcUnreachable && method === "deploy") return here(ref, ...rest);
        return failure(
          503,
          `The server running this flow (${target}) did not answer: try again in a few seconds, another server takes its runs over if it is gone`,
        );
      }
    }) as RunUseCases[M];
  }
  const routedMethods = Object.fromEntries(ROUTED.map((m) => [m, routed(m)]));
  return { ...local, ...routedMethods } as RunUseCases;
}

/** Answers other servers' routed calls with this server's own use cases. */
export function answerRoutedCalls(local: RunUseCases) {
  return async (method: string, params: unknown): Promise<unknown> => {
    if (!(ROUTED as readonly string[]).includes(method) || !Array.isArray(params))
      throw new Error(`Unknown cluster request ${method}`);
    const handler = local[method as Routed] as (...args: unknown[]) => Promise<unknown>;
    return handler(...params);
  };
}
