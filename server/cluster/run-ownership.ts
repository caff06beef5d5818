import type { PublishFence } from "../brokers/fencing";
import type { HeldLease, LeaseKeeper } from "./lease-keeper";

/** The answer to "may this server start this flow's run?". */
export type Claim = { ok: true } | { ok: false; owner: string | null };

/**
 * Which server runs each flow, in a cluster: the run of a flow belongs to the server holding
 * its lease. The run registry claims the lease before it starts a run, releases it when the run
 * is stopped by hand, and stops its run at once when the lease is lost (fencing).
 */
export interface RunOwnership {
  readonly server: string;
  claim(flowId: string): Promise<Claim>;
  /** The server that owns the flow's run now (this one or another), or null when none does. */
  owner(flowId: string): Promise<string | null>;
  /** Synchronous and cheap: whether this server may still act for the flow's run right now. */
  holds(flowId: string): boolean;
  /** The fence of the flow's run on this server: its lease, checked here and, on Redis, by Redis as it writes. */
  fence(flowId: string): PublishFence;
  release(flowId: string): Promise<void>;
  /** Frees every lease (clean shutdown), so another server takes the runs over at once. */
  releaseAll(): Promise<void>;
  onLost(listener: (flowId: string) => void): void;
}

/**
 * Run ownership on a lease keeper: one lease per flow, named `run:FLOW`. The same leases with
 * another `kind` say which server holds something else of a flow (`doc`: its shared document).
 */
export function leasedRunOwnership(
  keeper: LeaseKeeper,
  currentHolder: (name: string) => Promise<string | null>,
  kind: "run" | "doc" = "run",
): RunOwnership {
  const held = new Map<string, HeldLease>();
  const listeners: ((flowId: string) => void)[] = [];
  const name = (flowId: string) => `${kind}:${flowId}`;
  const holds = (flowId: string) => held.get(flowId)?.valid() ?? false;
  return {
    server: keeper.holder,
    async claim(flowId) {
      if (held.get(flowId)?.valid()) return { ok: true };
      const lease = await keeper.acquire(name(flowId));
      if (!lease) return { ok: false, owner: await currentHolder(name(flowId)) };
      held.set(flowId, lease);
      lease.onLost(() => {
        if (held.get(flowId) === lease) held.delete(flowId);
        for (const listener of listeners) listener(flowId);
      });
      return { ok: true };
    },
    owner: (flowId) => currentHolder(name(flowId)),
    holds,
    fence: (flowId) => ({ holds: () => holds(flowId), stored: held.get(flowId)?.stored }),
    async release(flowId) {
      const lease = held.get(flowId);
      held.delete(flowId);
      await lease?.release();
    },
    async releaseAll() {
      const leases = [...held.values()];
      held.clear();
      await Promise.all(leases.map((lease) => lease.release()));
    },
    onLost: (listener) => void listeners.push(listener),
  };
}
