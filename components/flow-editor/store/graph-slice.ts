import type { StateCreator } from "zustand";
import type { EdgeKind, FilterPattern, FlowGraph, FlowNode, NodeKind } from "@/lib/flow";
import { emptyHistory, record, redo, undo, type History } from "./history";
import * as ops from "./graph-ops";
import { copySelection, pasteClip } from "./clipboard";
import type { EditorState } from "./editor-state";

type XY = { x: number; y: number };
const COALESCE_MS = 1500;

/** The flow graph being edited and its undo history. Every change here is undoable. */
export interface GraphSlice {
  graph: FlowGraph;
  history: History<FlowGraph>;
  /** The graph as it was when a drag began: one drag is one undo step, not one per frame. */
  dragBase: FlowGraph | null;
  /** The last coalescable edit: typing "250" in one field is one undo step, not three. */
  lastEdit: { key: string; at: number } | null;
  /** Replaces the graph as one undoable step (import, restore, conflict resolution, layout). */
  commitGraph: (next: FlowGraph) => void;
  addNode: (kind: NodeKind, position: XY) => FlowNode;
  moveNodes: (positions: ReadonlyMap<string, XY>, dragging: boolean) => void;
  /** Ends a drag: the whole drag becomes one undo step. */
  finishDrag: () => void;
  /** `coalesceKey` (e.g. node id + field) merges quick successive edits of one field into one undo step. */
  updateNode: (id: string, update: (node: FlowNode) => FlowNode, coalesceKey?: string) => void;
  connect: (source: string, target: string, kind?: EdgeKind) => string | null;
  setEdgeKind: (id: string, kind: EdgeKind) => void;
  setEdgeFilter: (id: string, filter: FilterPattern | undefined, coalesceKey?: string) => void;
  deleteSelection: () => void;
  deleteElements: (nodeIds: Iterable<string>, edgeIds: Iterable<string>) => void;
  copy: () => void;
  paste: () => void;
  duplicate: () => void;
  undo: () => void;
  redo: () => void;
}

export const createGraphSlice =
  (initial: FlowGraph): StateCreator<EditorState, [], [], GraphSlice> =>
  (set, get) => {
    const commit = (next: FlowGraph, coalesceKey?: string) => {
      const { graph, history, dragBase, lastEdit } = get();
      if (next === graph) return;
      const now = Date.now();
      const edit = coalesceKey ? { key: coalesceKey, at: now } : null;
      if (edit && lastEdit?.key === edit.key && now - lastEdit.at < COALESCE_MS && history.past.length > 0) {
        set({ graph: next, lastEdit: edit });
        return;
      }
      set({ graph: next, history: record(history, dragBase ?? graph), dragBase: null, lastEdit: edit });
    };
    const pasteAndSelect = (clip: NonNullable<ReturnType<typeof copySelection>>, shift: number) => {
      const result = pasteClip(get().graph, clip, { x: shift, y: shift });
      commit(result.graph);
      get().select(result.nodeIds, result.edgeIds);
    };
    return {
      graph: initial,
      history: emptyHistory(),
      dragBase: null,
      lastEdit: null,
      commitGraph: (next) => commit(next),
      addNode: (kind, position) => {
        const node = ops.createNode(get().graph, kind, position);
        commit(ops.addNode(get().graph, node));
        get().select([node.id], []);
        return node;
      },
      moveNodes: (positions, dragging) => {
        const { graph, dragBase } = get();
        const next = ops.moveNodes(graph, positions);
        if (dragging) set({ graph: next, dragBase: dragBase ?? graph });
        else commit(next);
      },
      finishDrag: () => {
        const { dragBase, history } = get();
        if (dragBase) set({ history: record(history, dragBase), dragBase: null });
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
        const step = undo(get().history, get().graph);
        if (step) set({ graph: step.present, history: step.history, dragBase: null, lastEdit: null });
        get().pruneSelection();
      },
      redo: () => {
        const step = redo(get().history, get().graph);
        if (step) set({ graph: step.present, history: step.history, dragBase: null, lastEdit: null });
        get().pruneSelection();
      },
    };
  };
