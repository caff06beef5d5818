import type { GraphSlice } from "./graph-slice";
import type { PresenceSlice } from "./presence-slice";
import type { SaveSlice } from "./save-slice";
import type { ScenarioSlice } from "./scenario-slice";
import type { ShareSlice } from "./share-slice";
import type { UiSlice } from "./ui-slice";

/**
 * The whole per-editor store: graph (undoable), UI, save state and sharing mode, each its own
 * slice. A live run's figures live in the live store (components/realtime), never here.
 */
export type EditorState = GraphSlice & UiSlice & SaveSlice & ShareSlice & PresenceSlice & ScenarioSlice;
