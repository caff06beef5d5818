"use client";

import { useEffect } from "react";
import { edgeTrafficView } from "./edge-traffic";
import type { LiveData } from "./live-state";
import { useLiveRun } from "./live-context";

/** The shape of the designer's runtime slice (components/flow-editor/store/runtime-slice.ts). */
export interface EditorRuntime {
  deployedVersion: number | null;
  nodes: Record<
    string,
    {
      ratePerSec: number;
      published?: number;
      acked?: number;
      retried?: number;
      failed?: number;
      filtered?: number;
      lag?: number;
    }
  >;
  edges: Record<string, { ratePerSec: number }>;
}

/** Live state as the designer's runtime slice wants it; null version while not running. */
export function toEditorRuntime(state: Pick<LiveData, "status" | "metrics" | "edges">): EditorRuntime {
  const running = state.status?.state === "running" || state.status?.state === "stopping";
  const nodes: EditorRuntime["nodes"] = {};
  const edges: EditorRuntime["edges"] = {};
  if (!running) return { deployedVersion: null, nodes, edges };
  for (const node of Object.values(state.metrics?.nodes ?? {})) {
    const c = node.counts;
    nodes[node.nodeId] = {
      ratePerSec: node.kind === "producer" ? node.rateOut.s1 : node.rateIn.s1,
      published: c.published,
      acked: c.acked,
      retried: c["retry-scheduled"],
      failed: c.failed,
      filtered: c.filtered,
      ...(node.lag !== undefined ? { lag: node.lag } : {}),
    };
  }
  for (const [edgeId, traffic] of Object.entries(state.edges))
    edges[edgeId] = { ratePerSec: edgeTrafficView(traffic)!.ratePerSec };
  return { deployedVersion: state.status?.version ?? null, nodes, edges };
}

/**
 * For a designer that reads live figures from its own store: pushes them there whenever the
 * metrics, status or edge traffic change (about once a second, and per frame at most).
 * The hooks useNodeLive/useEdgeTraffic are the lighter way; this exists for that slice.
 */
export function useSyncEditorRuntime(apply: (runtime: EditorRuntime) => void): void {
  const { store } = useLiveRun();
  useEffect(() => {
    const push = () => apply(toEditorRuntime(store.getState()));
    push();
    return store.subscribe((state, previous) => {
      if (
        state.metrics !== previous.metrics ||
        state.status !== previous.status ||
        state.edges !== previous.edges
      )
        push();
    });
  }, [store, apply]);
}
