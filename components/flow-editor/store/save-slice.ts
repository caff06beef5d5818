import type { StateCreator } from "zustand";
import type { FlowGraph } from "@/lib/flow";
import type { FlowRecord } from "@/lib/api/flows";
import type { EditorState } from "./editor-state";

/**
 * Where the flow stands against the server. `invalid`: the graph has errors and is not
 * sent (the server would answer 400); `conflict`: someone else saved a newer version.
 */
export type SaveStatus = "saved" | "saving" | "error" | "invalid" | "conflict";

export interface SaveSlice {
  flowId: string;
  name: string;
  /** The server version our edits are based on (the PUT's baseVersion). */
  version: number;
  /** The graph and name the server holds at `version`, by reference: unchanged means saved. */
  savedGraph: FlowGraph;
  savedName: string;
  saveStatus: SaveStatus;
  saveError: string | null;
  /** The other person's version when a save met a 409. */
  conflict: FlowRecord | null;
  /** Bumped to ask the autosaver to save now (retry, keep mine). */
  saveRequest: number;
  requestSave: () => void;
  rename: (name: string) => void;
  /** The server accepted `graph`/`name` as `record.version`. Local edits made since stay. */
  markSaved: (record: FlowRecord, graph: FlowGraph, name: string) => void;
  setSaveStatus: (status: SaveStatus, error?: string | null) => void;
  setConflict: (current: FlowRecord | null) => void;
  /** Takes the other person's version (undoable: our graph stays one undo step back). */
  acceptTheirs: (current: FlowRecord) => void;
  /** Keeps our graph and bases it on their version, so the next save makes a new revision. */
  keepMine: (current: FlowRecord) => void;
}

export const createSaveSlice =
  (record: FlowRecord): StateCreator<EditorState, [], [], SaveSlice> =>
  (set, get) => ({
    flowId: record.id,
    name: record.name,
    version: record.version,
    savedGraph: record.graph,
    savedName: record.name,
    saveStatus: "saved",
    saveError: null,
    conflict: null,
    saveRequest: 0,
    requestSave: () => set({ saveRequest: get().saveRequest + 1 }),
    rename: (name) => set({ name }),
    markSaved: (saved, graph, name) =>
      set({ version: saved.version, savedGraph: graph, savedName: name, saveError: null }),
    setSaveStatus: (saveStatus, saveError = null) => set({ saveStatus, saveError }),
    setConflict: (conflict) => set({ conflict, saveStatus: conflict ? "conflict" : get().saveStatus }),
    acceptTheirs: (current) => {
      get().commitGraph(current.graph);
      set({
        version: current.version,
        savedGraph: current.graph,
        name: current.name,
        savedName: current.name,
        conflict: null,
        saveStatus: "saved",
      });
      get().pruneSelection();
    },
    keepMine: (current) => {
      set({
        version: current.version,
        savedGraph: current.graph,
        savedName: current.name,
        conflict: null,
        saveStatus: "saving",
      });
      get().requestSave();
    },
  });
