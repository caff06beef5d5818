import type { StateCreator } from "zustand";
import type { EdgeKind, FilterPattern, FlowGraph, FlowNode, NodeKind } from "@/lib/flow";
import type { Scenario } from "@/lib/scenarios";
import { docName } from "@/lib/realtime/flow-doc";
import { writeFlowName, writeGraphChanges } from "@/lib/realtime/flow-doc-write";
import * as ops from "./graph-ops";
import { copySelection, pasteClip } from "./clipboard";
import type { EditorState } from "./editor-state";
import type { SharedFlow } from "./shared-flow";

type XY = { x: number; y: number };

/**
 * The flow graph being edited. Every change is written to the shared document (so everyone
 * on the flow sees it) and read back from it; undo and redo take back this person's own changes.
 */
export interface GraphSlice {
  graph: FlowGraph;
  shared: SharedFlow;
  /** The shared document has arrived from the server (always true for a flow edited alone). */
  docSynced: boolean;
  canUndo: boolean;
  canRedo: boolean;
  /** Edits made before the document first arrived: merged into it when it does. */
  offlineBase: { graph: FlowGraph; name: string } | null;
  dragging: boolean;
  lastEditKey: string | null;
  /** Replaces the graph as one undoable step (import, layout). */
  commitGraph: (next: FlowGraph) => void;
  addNode: (kind: NodeKind, position: XY) => FlowNode;
  moveNodes: (positions: ReadonlyMap<string, XY>, dragging: boolean) => void;
  /** Ends a drag: the whole drag is one undo step. */
  finishDrag: () => void;
  /** `coalesceKey` (e.g. node id + field) merges quick successive edits of one field into one undo step. */
  updateNode: (id: string, update: (node: FlowNode) => FlowNode, coalesceKey?: string) => void;
  connect: (source: string, target: string, kind?: EdgeKind) => string | null;
  setEdgeKind: (id: string, kind: EdgeKind) => void;
  setEdgeFilter: (id: string, filter: FilterPattern | undefined, coalesceKey?: string) => void;
  deleteSelection: () => void;
  deleteElements: (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => void;
  rename: (name: string) => void;
  /** Replaces the flow's scenarios (none: removes them); `coalesceKey` as for updateNode. */
  setScenarios: (scenarios: Scenario[], coalesceKey?: string) => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
  undo: () => void;
  redo: () => void;
  /** The shared document arrived: edits made before are merged into it, and it is shown from now on. */
  adoptSharedDoc: () => void;
}

export const createGraphSlice =
  (
    initial: FlowGraph,
    shared: SharedFlow,
    connected: boolean,
  ): StateCreator<EditorState, [], [], GraphSlice> =>
  (set, get) => {
    const commit = (next: FlowGraph, coalesceKey?: string) => {
      const { graph, docSynced, offlineBase, lastEditKey, name } = get();
      if (next === graph) return;
      if (!docSynced) {
        set({ graph: next, offlineBase: offlineBase ?? { graph, name } });
        return;
      }
      if (!coalesceKey || coalesceKey !== lastEditKey) shared.undo.stopCapturing();
      set({ lastEditKey: coalesceKey ?? null });
      writeGraphChanges(shared.doc, graph, next, shared.origin);
    };
    const pasteAndSelect = (clip: NonNullable<ReturnType<typeof copySelection>>, shift: number) => {
      const result = pasteClip(get().graph, clip, { x: shift, y: shift });
      commit(result.graph);
      get().select(result.nodeIds, result.edgeIds);
    };
    return {
      graph: initial,
      shared,
      docSynced: !connected,
      canUndo: false,
      canRedo: false,
      offlineBase: null,
      dragging: false,
      lastEditKey: null,
      commitGraph: (next) => commit(next),
      addNode: (kind, position) => {
        const node = ops.createNode(get().graph, kind, position);
        commit(ops.addNode(get().graph, node));
        get().select([node.id], []);
        return node;
      },
      moveNodes: (positions, dragging) => {
        // Every frame of a drag goes out (others see the node move); together they are one undo step.
        if (dragging && !get().dragging) set({ dragging: true, lastEditKey: null });
        commit(ops.moveNodes(get().graph, positions), dragging ? "drag" : undefined);
      },
      finishDrag: () => {
        set({ dragging: false, lastEditKey: null });
        shared.undo.stopCapturing();
      },
      updateNode: (id, update, coalesceKey) => commit(ops.replaceNode(get().graph, id, update), coalesceKey),
      connect: (source, target, kind) => {
        const result = ops.connect(get().graph, source, target, kind);
        if (!result) return null;
        commit(result.graph);
        return result.edge.id;
      },
      setEdgeKind: (id, kind) => commit(ops.setEdgeKind(get().graph, id, kind)),
      setEdgeFilter: (id, filter, coalesceKey) =>
        commit(ops.setEdgeFilter(get().graph, id, filter), coalesceKey),
      deleteElements: (nodeIds, edgeIds) =>
        commit(ops.deleteElements(get().graph, new Set(nodeIds), new Set(edgeIds))),
      deleteSelection: () => {
        const { selectedNodeIds, selectedEdgeIds } = get();
        get().deleteElements(selectedNodeIds, selectedEdgeIds);
        get().select([], []);
      },
      rename: (name) => {
        const { docSynced, offlineBase, graph } = get();
        if (!docSynced) set({ name, offlineBase: offlineBase ?? { graph, name: get().name } });
        else writeFlowName(shared.doc, name, shared.renameOrigin);
      },
      setScenarios: (scenarios, coalesceKey) => {
        const { scenarios: _old, ...rest } = get().graph;
        commit(scenarios.length > 0 ? { ...rest, scenarios } : rest, coalesceKey);
      },
      copy: () => {
        const clip = copySelection(get().graph, get().selectedNodeIds);
        if (clip) set({ clipboard: clip, pasteCount: 0 });
      },
      paste: () => {
        const { clipboard, pasteCount } = get();
        if (!clipboard) return;
        set({ pasteCount: pasteCount + 1 });
        pasteAndSelect(clipboard, 40 * (pasteCount + 1));
      },
      duplicate: () => {
        const clip = copySelection(get().graph, get().selectedNodeIds);
        if (clip) pasteAndSelect(clip, 40);
      },
      undo: () => {
        shared.undo.undo();
        get().pruneSelection();
      },
      redo: () => {
        shared.undo.redo();
        get().pruneSelection();
      },
      adoptSharedDoc: () => {
        const { offlineBase, graph, name } = get();
        set({ docSynced: true, offlineBase: null });
        if (offlineBase) {
          writeGraphChanges(shared.doc, offlineBase.graph, graph, shared.origin);
          if (name !== offlineBase.name) writeFlowName(shared.doc, name, shared.renameOrigin);
        }
        set({ graph: shared.mirror.graph(), name: docName(shared.doc) ?? name });
        get().pruneSelection();
      },
    };
  };
