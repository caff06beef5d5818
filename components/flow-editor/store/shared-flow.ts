import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { FlowGraph } from "@/lib/flow";
import { edgesOf, flowMetaOf, graphMirror, nodesOf } from "@/lib/realtime/flow-doc";
import { seedFlowDoc } from "@/lib/realtime/flow-doc-write";

/** Quick successive edits (typing in one field, one drag) within this long are one undo step. */
export const COALESCE_MS = 1500;

/**
 * This editor's copy of the flow's shared document, its presence (awareness) and its undo
 * manager. The undo manager tracks only this editor's own origin, so undo never takes back
 * what someone else did.
 */
export function sharedFlow(initial: { graph: FlowGraph; name: string }, connected: boolean) {
  const doc = new Y.Doc();
  const awareness = new Awareness(doc);
  // Nobody is shown until they say who they are (the awareness starts with an empty state).
  awareness.setLocalState(null);
  /** Changes made here; renames use their own origin, as renaming is not undone with the graph. */
  const origin = { editor: doc.clientID };
  const renameOrigin = { rename: doc.clientID };
  // A flow edited together starts empty and fills from the server; one edited alone (a
  // snapshot, a test) holds its graph from the start.
  if (!connected) seedFlowDoc(doc, initial.graph, initial.name);
  const undo = new Y.UndoManager([nodesOf(doc), edgesOf(doc), flowMetaOf(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: COALESCE_MS,
  });
  return { doc, awareness, origin, renameOrigin, undo, mirror: graphMirror(doc) };
}
export type SharedFlow = ReturnType<typeof sharedFlow>;
