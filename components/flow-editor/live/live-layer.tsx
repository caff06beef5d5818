"use client";

import { createContext, useContext, type ReactNode } from "react";
import { useStore } from "zustand";
import { createStore } from "zustand/vanilla";
import { InspectorProvider } from "@/components/inspector";
import { LiveRunProvider, useLiveRun, type LiveState, type LiveStore } from "@/components/realtime";
import { useSelectionFilter } from "./use-selection-filter";
import { useEditor } from "../store/editor-context";
import { ProduceHost } from "./produce-host";

/**
 * The designer's window on a live run. Nodes, edges and panels read it through
 * `useCanvasLive(selector)`, which also works where nothing runs (a snapshot link has no
 * live run): there it reads an idle store and shows no live figures.
 */
const CanvasLiveContext = createContext<LiveStore | null>(null);

const IDLE = createStore(() => ({ status: null, metrics: null, edges: {} })) as unknown as LiveStore;

/** One slice of the live run (re-renders only when it changes); idle values outside a run. */
export function useCanvasLive<T>(selector: (state: LiveState) => T): T {
  return useStore(useContext(CanvasLiveContext) ?? IDLE, selector);
}

/** True when this designer follows a live run (every page but a snapshot). */
export function useHasLiveRun(): boolean {
  return useContext(CanvasLiveContext) !== null;
}

/** Running (or finishing): the only states in which the canvas shows live figures. */
export const isLive = (s: Pick<LiveState, "status">): boolean =>
  s.status?.state === "running" || s.status?.state === "stopping";

function Bridge({ children }: { children: ReactNode }) {
  const { store } = useLiveRun();
  const graph = useEditor((s) => s.graph);
  useSelectionFilter();
  return (
    <CanvasLiveContext.Provider value={store}>
      {children}
      <ProduceHost graph={graph} />
    </CanvasLiveContext.Provider>
  );
}

/**
 * Wraps the designer in the live run of its flow (socket watch, live store, inspector state).
 * Must sit inside the editor store's provider. `enabled` false (snapshots) renders children alone.
 */
export function LiveLayer({
  flowId,
  enabled,
  canProduce,
  children,
}: {
  flowId: string;
  enabled: boolean;
  /** An edit link: events may be produced by hand into topics. */
  canProduce: boolean;
  children: ReactNode;
}) {
  if (!enabled) return <>{children}</>;
  return (
    <LiveRunProvider key={flowId} flowId={flowId}>
      <InspectorProvider canProduce={canProduce}>
        <Bridge>{children}</Bridge>
      </InspectorProvider>
    </LiveRunProvider>
  );
}
