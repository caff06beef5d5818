import type { StateCreator } from "zustand";
import type { EditorState } from "./editor-state";

/**
 * Live runtime state, filled by the live-run issue (Deploy + inspector), never by the
 * designer. It lives apart from the graph: a counter ticking must never rewrite the graph,
 * touch undo history or trigger a save.
 */
export interface NodeRuntimeStats {
  /** Events per second over the last window (producer: published; consumer: handled). */
  ratePerSec: number;
  published?: number;
  acked?: number;
  retried?: number;
  failed?: number;
  filtered?: number;
  /** Consumer lag in events, summed over partitions. */
  lag?: number;
}

export interface EdgeTraffic {
  ratePerSec: number;
}

export interface RuntimeSlice {
  runtime: {
    /** Null while the flow is not deployed; the designer shows no live figures then. */
    deployedVersion: number | null;
    nodes: Readonly<Record<string, NodeRuntimeStats>>;
    edges: Readonly<Record<string, EdgeTraffic>>;
  };
  applyRuntime: (update: Partial<RuntimeSlice["runtime"]>) => void;
  clearRuntime: () => void;
}

const idle: RuntimeSlice["runtime"] = { deployedVersion: null, nodes: {}, edges: {} };

export const createRuntimeSlice: StateCreator<EditorState, [], [], RuntimeSlice> = (set, get) => ({
  runtime: idle,
  applyRuntime: (update) => set({ runtime: { ...get().runtime, ...update } }),
  clearRuntime: () => set({ runtime: idle }),
});
