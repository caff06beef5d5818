import type { EditorState } from "./editor-state";

/**
 * How this editor was opened: `edit` (the flow's own link), `view` (a read-only view link,
 * `/s/:token`) or `snapshot` (a graph from a snapshot link, not stored anywhere yet).
 */
export type ShareMode = "edit" | "view" | "snapshot";

export interface ShareSlice {
  shareMode: ShareMode;
  /** True for view links and snapshots: no editing, no saving, no run controls. */
  readOnly: boolean;
}

export const createShareSlice = (shareMode: ShareMode): ShareSlice => ({
  shareMode,
  readOnly: shareMode !== "edit",
});

const nothing = () => {};

/**
 * Turns every action that would change the flow into a no-op, so that no path (a shortcut, a
 * stray drag, a panel that forgot to hide a button) can edit a read-only flow. Selecting,
 * copying, panning and the dialogs stay.
 */
export function lockForViewing(state: EditorState): EditorState {
  return {
    ...state,
    commitGraph: nothing,
    addNode: () => {
      throw new Error("This flow is view-only: fork it to edit");
    },
    moveNodes: nothing,
    finishDrag: nothing,
    updateNode: nothing,
    connect: () => null,
    setEdgeKind: nothing,
    setEdgeFilter: nothing,
    deleteSelection: nothing,
    deleteElements: nothing,
    paste: nothing,
    duplicate: nothing,
    undo: nothing,
    redo: nothing,
    rename: nothing,
    setScenarios: nothing,
  };
}
