import { useEffect } from "react";
import { withSharedSocket } from "@/components/realtime/socket-connection";
import { connectDoc } from "@/components/realtime/doc-connection";
import type { EditorStore } from "../store/create-editor-store";
import { preloadPropertiesForms } from "../panels/properties-forms";

/**
 * Connects the editor's copy of the flow to everyone else's through the server: edits go out
 * as they are made and are saved by the server; others' edits come in. While the connection
 * is away, edits stay here and sync when it is back. A snapshot is not connected.
 *
 * Editing offline needs the properties forms, which are not in the page's first load: an editor
 * joins the shared flow once they are here, so a tab that reads "Saved" can keep editing when
 * the connection drops. (If they cannot be fetched, it joins anyway.)
 */
export function useSharedFlow(store: EditorStore) {
  useEffect(() => {
    const { shareMode, flowId, shared } = store.getState();
    if (shareMode === "snapshot") return;
    const formsReady = shareMode === "edit" ? preloadPropertiesForms() : Promise.resolve();
    const leave = withSharedSocket((socket) => {
      let connection: ReturnType<typeof connectDoc> | null = null;
      let left = false;
      void formsReady.then(() => {
        if (left) return;
        connection = connectDoc(
          socket,
          flowId,
          shared.doc,
          shared.awareness,
          (status) => store.getState().setDocStatus(status),
          undefined,
          (next) => shared.replace(next),
        );
      });
      return () => {
        left = true;
        connection?.close();
      };
    });
    // Leaving with edits the server has not saved yet asks first: no edit is lost silently.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      if (store.getState().unsaved) e.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      window.removeEventListener("beforeunload", beforeUnload);
      leave();
    };
  }, [store]);
}
