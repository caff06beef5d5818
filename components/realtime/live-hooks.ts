"use client";

import { useMemo } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { RunStatus } from "@/lib/realtime/protocol";
import { edgeTrafficView, type EdgeTraffic } from "./edge-traffic";
import type { ConnectionState, LiveState } from "./live-state";
import { useLiveRun } from "./live-context";

/** Subscribes to one slice of the live state; re-renders only when it changes. */
export function useLive<T>(selector: (state: LiveState) => T): T {
  return useStore(useLiveRun().store, selector);
}

/** What a node on the canvas shows while the flow runs (exact, from the 1 s metrics). */
export interface NodeLive {
  /** Per second over the last second. */
  rateIn: number;
  rateOut: number;
  /** Consumers: events not yet acked, over every partition. */
  lag: number | undefined;
  /** Failed delivery attempts so far. */
  errors: number;
  inFlight: number;
  online: boolean | undefined;
  paused: boolean | undefined;
}

export function useNodeLive(nodeId: string): NodeLive | undefined {
  const node = useLive((s) => s.metrics?.nodes[nodeId]);
  return useMemo(
    () =>
      node && {
        rateIn: node.rateIn.s1,
        rateOut: node.rateOut.s1,
        lag: node.lag,
        errors: node.counts.failed,
        inFlight: node.inFlight,
        online: node.online,
        paused: node.paused,
      },
    [node],
  );
}

/** Traffic on one edge: deliveries per second (decaying) and whether deliveries on it fail. */
export function useEdgeTraffic(edgeId: string): EdgeTraffic | undefined {
  return useLive(useShallow((s) => edgeTrafficView(s.edges[edgeId])));
}

/** The run's status (state, deployed version, why it stopped, cap), or null before the first watch answer. */
export function useRunStatus(): RunStatus | null {
  return useLive((s) => s.status);
}

/** The socket's state for this flow, and what went wrong when it is not live. */
export function useConnection(): { connection: ConnectionState; error: string | null } {
  return useLive(useShallow((s) => ({ connection: s.connection, error: s.connectionError })));
}
