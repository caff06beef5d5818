import { useEffect } from "react";
import { validateGraph } from "@/lib/flow";
import { ApiRequestError, updateFlow } from "@/lib/api/client";
import { renameRecentFlow } from "@/components/home/recent-flows-store";
import type { EditorStore } from "../store/create-editor-store";

const DEBOUNCE_MS = 600;

/**
 * Saves the flow through the REST API a moment after each change, always with the version
 * our edits are based on. One request at a time; a change made while saving is saved next.
 * A graph with errors is never sent (the server would refuse it): the edits stay local and
 * the top bar says how many problems to fix. A 409 stops saving until the person decides.
 */
export function useAutosave(store: EditorStore) {
  useEffect(() => {
    // A view link or a snapshot is never saved (the server would refuse it anyway).
    if (store.getState().readOnly) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight = false;
    let again = false;
    const schedule = (delay = DEBOUNCE_MS) => {
      clearTimeout(timer);
      timer = setTimeout(() => void flush(), delay);
    };
    const flush = async () => {
      if (inFlight) return void (again = true);
      const s = store.getState();
      if (s.conflict) return;
      const graphDirty = s.graph !== s.savedGraph;
      const nameDirty = s.name !== s.savedName;
      const errors = graphDirty
        ? validateGraph(s.graph).issues.filter((i) => i.severity === "error").length
        : 0;
      if (!nameDirty && (!graphDirty || errors > 0)) {
        s.setSaveStatus(errors > 0 ? "invalid" : "saved", errors > 0 ? `${errors}` : null);
        return;
      }
      const graph = s.graph;
      const name = s.name;
      const sendGraph = graphDirty && errors === 0;
      inFlight = true;
      s.setSaveStatus("saving");
      try {
        const record = await updateFlow(s.flowId, {
          baseVersion: s.version,
          ...(sendGraph ? { graph } : {}),
          ...(nameDirty ? { name } : {}),
        });
        store.getState().markSaved(record, sendGraph ? graph : store.getState().savedGraph, name);
        if (nameDirty) renameRecentFlow(s.flowId, name);
        const now = store.getState();
        if (now.graph !== now.savedGraph || now.name !== now.savedName) again = true;
        else now.setSaveStatus("saved");
      } catch (error) {
        const now = store.getState();
        if (error instanceof ApiRequestError && error.status === 409 && error.body.current)
          now.setConflict(error.body.current);
        else if (error instanceof ApiRequestError && error.status === 400)
          now.setSaveStatus("invalid", `${error.body.issues?.length ?? 1}`);
        else now.setSaveStatus("error", (error as Error).message);
      } finally {
        inFlight = false;
        if (again) {
          again = false;
          schedule(0);
        }
      }
    };
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.saveRequest !== prev.saveRequest) schedule(0);
      else if (s.graph !== prev.graph || s.name !== prev.name)
        schedule(s.dragBase ? DEBOUNCE_MS * 2 : DEBOUNCE_MS);
    });
    // Leaving with unsaved edits asks first: no edit is lost silently.
    const beforeUnload = (e: BeforeUnloadEvent) => {
      const s = store.getState();
      if (s.graph !== s.savedGraph || s.name !== s.savedName) e.preventDefault();
    };
    window.addEventListener("beforeunload", beforeUnload);
    return () => {
      clearTimeout(timer);
      unsubscribe();
      window.removeEventListener("beforeunload", beforeUnload);
    };
  }, [store]);
}
