import { createStore } from "zustand/vanilla";
import type * as Y from "yjs";
import type { FlowRecord } from "@/lib/api/flows";
import { docName } from "@/lib/realtime/flow-doc";
import { createGraphSlice } from "./graph-slice";
import { createSaveSlice } from "./save-slice";
import { createScenarioSlice } from "./scenario-slice";
import { createPresenceSlice } from "./presence-slice";
import { createShareSlice, lockForViewing, type ShareMode } from "./share-slice";
import { sharedFlow } from "./shared-flow";
import { createUiSlice } from "./ui-slice";
import { quietChanges } from "./quiet-changes";
import { pacedFrames } from "./paced-frames";
import type { EditorState } from "./editor-state";

/**
 * One store per open editor (never a module singleton), so two editors never share state.
 * `connected`: the flow is edited together through the server (its document arrives over the
 * realtime channel); otherwise it is edited alone, from `record`.
 */
export function createEditorStore(
  record: FlowRecord,
  mode: ShareMode = record.access === "view" ? "view" : "edit",
  { connected = false }: { connected?: boolean } = {},
) {
  const shared = sharedFlow(record, connected);
  const store = createStore<EditorState>()((...a) => {
    const state: EditorState = {
      ...createGraphSlice(record.graph, shared, connected)(...a),
      ...createUiSlice(...a),
      ...createSaveSlice(record, connected)(...a),
      ...createShareSlice(mode),
      ...createPresenceSlice(...a),
      ...createScenarioSlice(...a),
    };
    return mode === "edit" ? state : lockForViewing(state);
  });
  // Other people's changes reach the views once a frame, resting after costly frames (the state
  // itself is current at once).
  const { quietly } = quietChanges(store, pacedFrames());
  // The document is the truth: whatever changed it (this person, someone else, an undo), the
  // graph shown is read back from it, rebuilding only what changed.
  const onTransaction = (transaction: Y.Transaction) => {
    const s = store.getState();
    if (!s.docSynced) return;
    const graphChanged = shared.mirror.invalidate(transaction);
    const name = docName(shared.doc) ?? s.name;
    if (!graphChanged && name === s.name) return;
    if (transaction.local) return store.setState({ graph: shared.mirror.graph(), name });
    quietly(() => {
      store.setState({ graph: shared.mirror.graph(), name });
      if (graphChanged) s.pruneSelection();
    });
  };
  const undoState = () =>
    store.setState({ canUndo: shared.undo.undoStack.length > 0, canRedo: shared.undo.redoStack.length > 0 });
  const listen = () => {
    shared.doc.on("afterTransaction", onTransaction);
    for (const event of ["stack-item-added", "stack-item-popped", "stack-cleared"] as const)
      shared.undo.on(event, undoState);
  };
  listen();
  // A new epoch of the document: the same content in a new copy (its undo history starts over).
  let previous = shared.doc;
  shared.onReplace(() => {
    previous.off("afterTransaction", onTransaction);
    previous = shared.doc;
    listen();
    undoState();
    const s = store.getState();
    if (!s.docSynced) return;
    store.setState({ graph: shared.mirror.graph(), name: docName(shared.doc) ?? s.name });
    s.pruneSelection();
  });
  return store;
}

export type EditorStore = ReturnType<typeof createEditorStore>;
