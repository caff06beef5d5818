import type { StateCreator } from "zustand";
import type { FlowRecord } from "@/lib/api/flows";
import type { DocStatus } from "@/components/realtime/doc-connection";
import type { EditorState } from "./editor-state";

/**
 * Where this person's edits stand: `connecting` before the shared flow first arrives,
 * `saving` while some of them are not saved by the server yet, `offline` while the connection
 * is away (edits stay here and sync when it is back).
 */
export type SaveStatus = "connecting" | "saving" | "saved" | "offline";

export interface SaveSlice {
  flowId: string;
  name: string;
  /** The version the server last saved. */
  version: number;
  saveStatus: SaveStatus;
  /** Some of this person's edits are not saved by the server yet. */
  unsaved: boolean;
  /** Why the server refused the last change (it was taken back), if it did. */
  saveError: string | null;
  setDocStatus: (status: DocStatus) => void;
}

/**
 * `docSynced`: whether this tab has had the shared flow at least once (a reconnection starts a
 * new exchange, but the flow this tab holds is still the shared one, so offline is "Offline").
 */
export function saveStatusOf(status: DocStatus, docSynced = status.synced): SaveStatus {
  if (!status.online) return docSynced || status.synced ? "offline" : "connecting";
  // Not "Saved" before the shared document has arrived: until then nothing is known to be saved.
  if (!status.synced) return "connecting";
  return status.unsaved ? "saving" : "saved";
}

/**
 * `connected`: the flow arrives over the realtime channel, so until it has, the editor reads
 * "Connecting…" (not "Saved": nothing this tab holds is known to be the shared flow yet).
 */
export const createSaveSlice =
  (record: FlowRecord, connected: boolean): StateCreator<EditorState, [], [], SaveSlice> =>
  (set, get) => ({
    flowId: record.id,
    name: record.name,
    version: record.version,
    saveStatus: connected ? "connecting" : "saved",
    unsaved: false,
    saveError: null,
    setDocStatus: (status) => {
      if (status.synced && !get().docSynced) get().adoptSharedDoc();
      set({
        saveStatus: saveStatusOf(status, get().docSynced),
        unsaved: status.unsaved || get().offlineBase !== null,
        saveError: status.error,
        ...(status.version !== null ? { version: status.version } : {}),
      });
    },
  });
