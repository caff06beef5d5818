import type { StateCreator } from "zustand";
import type { EdgeKind, FlowIssue } from "@/lib/flow";
import type { GraphClip } from "./clipboard";
import type { EditorState } from "./editor-state";

export type EditorDialog =
  "shortcuts" | "import" | "history" | "share" | "import-asyncapi" | "connect" | null;

/** A consumer → topic connection just made: the person picks emits, replies or dead-letters. */
export interface PendingEdgeChoice {
  edgeId: string;
  kinds: EdgeKind[];
  /** Where to show the chooser, in screen pixels. */
  x: number;
  y: number;
}

/** What the editor shows and how; none of it is saved with the flow. */
export interface UiSlice {
  selectedNodeIds: ReadonlySet<string>;
  selectedEdgeIds: ReadonlySet<string>;
  panelOpen: boolean;
  snapToGrid: boolean;
  dialog: EditorDialog;
  clipboard: GraphClip | null;
  pasteCount: number;
  pendingEdgeChoice: PendingEdgeChoice | null;
  /** Issues of the current graph from lib/flow validation (computed after each change). */
  issues: FlowIssue[];
  /** Asks the canvas to centre on a node or edge (from the issues list); seq makes repeats count. */
  focusRequest: { nodeId?: string; edgeId?: string; seq: number } | null;
  /** Rendered node sizes from React Flow; it needs them back on every node it is given. */
  nodeSizes: ReadonlyMap<string, { width: number; height: number }>;
  addNodeSizes: (sizes: ReadonlyMap<string, { width: number; height: number }>) => void;
  select: (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => void;
  toggleSelected: (kind: "node" | "edge", id: string, selected: boolean) => void;
  pruneSelection: () => void;
  setPanelOpen: (open: boolean) => void;
  setSnapToGrid: (on: boolean) => void;
  openDialog: (dialog: EditorDialog) => void;
  setPendingEdgeChoice: (choice: PendingEdgeChoice | null) => void;
  setIssues: (issues: FlowIssue[]) => void;
  focusElement: (target: { nodeId?: string; edgeId?: string }) => void;
}

export const createUiSlice: StateCreator<EditorState, [], [], UiSlice> = (set, get) => ({
  selectedNodeIds: new Set(),
  selectedEdgeIds: new Set(),
  panelOpen: true,
  snapToGrid: true,
  dialog: null,
  clipboard: null,
  pasteCount: 0,
  pendingEdgeChoice: null,
  issues: [],
  focusRequest: null,
  nodeSizes: new Map(),
  addNodeSizes: (sizes) => set({ nodeSizes: new Map([...get().nodeSizes, ...sizes]) }),
  select: (nodeIds, edgeIds) => {
    const selectedNodeIds = new Set(nodeIds);
    const selectedEdgeIds = new Set(edgeIds);
    // Selecting something shows its properties; clearing the selection leaves the panel as it is.
    const picked = selectedNodeIds.size + selectedEdgeIds.size > 0;
    set({
      selectedNodeIds,
      selectedEdgeIds,
      panelOpen: true,
      ...(picked ? { sidePanel: "properties" } : {}),
    });
  },
  toggleSelected: (kind, id, selected) => {
    const key = kind === "node" ? "selectedNodeIds" : "selectedEdgeIds";
    const current = get()[key];
    if (current.has(id) === selected) return;
    const next = new Set(current);
    if (selected) next.add(id);
    else next.delete(id);
    const shown = selected ? { sidePanel: "properties" as const } : {};
    set(kind === "node" ? { selectedNodeIds: next, ...shown } : { selectedEdgeIds: next, ...shown });
  },
  pruneSelection: () => {
    const { graph, selectedNodeIds, selectedEdgeIds } = get();
    // Called at every change others make: with nothing selected, nothing to look up.
    if (selectedNodeIds.size === 0 && selectedEdgeIds.size === 0) return;
    const nodes = new Set(graph.nodes.map((n) => n.id));
    const edges = new Set(graph.edges.map((e) => e.id));
    const keptNodes = [...selectedNodeIds].filter((id) => nodes.has(id));
    const keptEdges = [...selectedEdgeIds].filter((id) => edges.has(id));
    if (keptNodes.length !== selectedNodeIds.size || keptEdges.length !== selectedEdgeIds.size) {
      set({ selectedNodeIds: new Set(keptNodes), selectedEdgeIds: new Set(keptEdges) });
    }
  },
  setPanelOpen: (panelOpen) => set({ panelOpen }),
  setSnapToGrid: (snapToGrid) => set({ snapToGrid }),
  openDialog: (dialog) => set({ dialog }),
  setPendingEdgeChoice: (pendingEdgeChoice) => set({ pendingEdgeChoice }),
  setIssues: (issues) => set({ issues }),
  focusElement: (target) => {
    set({ focusRequest: { ...target, seq: (get().focusRequest?.seq ?? 0) + 1 } });
    if (target.nodeId || target.edgeId)
      get().select(
        target.nodeId ? [target.nodeId] : [],
        target.edgeId && !target.nodeId ? [target.edgeId] : [],
      );
  },
});
