import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as sync from "y-protocols/sync";
import type * as Y from "yjs";

/** y-protocols sync messages, built and read the same way by the browser and the server. */
export const SYNC_STEP_1 = sync.messageYjsSyncStep1;
export const SYNC_STEP_2 = sync.messageYjsSyncStep2;
export const SYNC_UPDATE = sync.messageYjsUpdate;

/** "Here is what I have (state vector); send me what I miss." */
export function syncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** One change, as the sync protocol's update message. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

export type SyncMessage =
  | { type: typeof SYNC_STEP_1; stateVector: Uint8Array }
  | { type: typeof SYNC_STEP_2 | typeof SYNC_UPDATE; update: Uint8Array };

/** Reads one sync message; null when the bytes are not one. */
export function readSyncMessage(message: Uint8Array): SyncMessage | null {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    const payload = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) return null;
    if (type === SYNC_STEP_1) return { type, stateVector: payload };
    if (type === SYNC_STEP_2 || type === SYNC_UPDATE) return { type, update: payload };
    return null;
  } catch {
    return null;
  }
}

/** The answer to a step 1: everything `doc` has that the state vector lacks. */
export function syncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  sync.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}
