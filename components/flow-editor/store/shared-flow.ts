import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { FlowGraph } from "@/lib/flow";
import { edgesOf, flowMetaOf, graphMirror, nodesOf } from "@/lib/realtime/flow-doc";
import { seedFlowDoc } from "@/lib/realtime/flow-doc-write";

/** Quick successive edits (typing in one field, one drag) within this long are one undo step. */
export const COALESCE_MS = 1500;

/** Undo of this editor's own changes only: undo never takes back what someone else did. */
const undoFor = (doc: Y.Doc, origin: object) =>
  new Y.UndoManager([nodesOf(doc), edgesOf(doc), flowMetaOf(doc)], {
    trackedOrigins: new Set([origin]),
    captureTimeout: COALESCE_MS,
  });

/**
 * This editor's copy of the flow's shared document, its presence (awareness) and its undo
 * manager. The undo manager tracks only this editor's own origin, so undo never takes back
 * what someone else did. When the server starts a new epoch of the document, `replace` swaps in
 * the new copy (same client id, so presence stays) with a fresh undo history and mirror.
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
  const replaced = new Set<() => void>();
  const shared = {
    doc,
    awareness,
    origin,
    renameOrigin,
    undo: undoFor(doc, origin),
    mirror: graphMirror(doc),
    replace(next: Y.Doc) {
      shared.undo.destroy();
      shared.doc = next;
      shared.undo = undoFor(next, origin);
      // What the new copy holds the same keeps its objects: the canvas re-renders only what differs.
      shared.mirror = graphMirror(next, shared.mirror.graph());
      replaced.forEach((listener) => listener());
    },
    /** Calls `listener` after each replacement (to listen to the new copy). */
    onReplace(listener: () => void) {
      replaced.add(listener);
    },
  };
  return shared;
}
export type SharedFlow = ReturnType<typeof sharedFlow>;
