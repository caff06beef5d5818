import type { GraphSlice } from "./graph-slice";
import type { RuntimeSlice } from "./runtime-slice";
import type { SaveSlice } from "./save-slice";
import type { ShareSlice } from "./share-slice";
import type { UiSlice } from "./ui-slice";

/** The whole per-editor store: graph (undoable), UI, save state and live runtime, each its own slice. */
export type EditorState = GraphSlice & UiSlice & SaveSlice & RuntimeSlice & ShareSlice;
