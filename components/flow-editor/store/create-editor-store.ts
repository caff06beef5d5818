import { createStore } from "zustand/vanilla";
import type { FlowRecord } from "@/lib/api/flows";
import { createGraphSlice } from "./graph-slice";
import { createSaveSlice } from "./save-slice";
import { createShareSlice, lockForViewing, type ShareMode } from "./share-slice";
import { createUiSlice } from "./ui-slice";
import type { EditorState } from "./editor-state";

/** One store per open editor (never a module singleton), so two editors never share state. */
export function createEditorStore(
  record: FlowRecord,
  mode: ShareMode = record.access === "view" ? "view" : "edit",
) {
  return createStore<EditorState>()((...a) => {
    const state: EditorState = {
      ...createGraphSlice(record.graph)(...a),
      ...createUiSlice(...a),
      ...createSaveSlice(record)(...a),
      ...createShareSlice(mode),
    };
    return mode === "edit" ? state : lockForViewing(state);
  });
}

export type EditorStore = ReturnType<typeof createEditorStore>;
