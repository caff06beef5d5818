"use client";

import { useEffect } from "react";
import { useInspectorApi } from "@/components/inspector/inspector-context";
import { useEditorApi } from "../store/editor-context";

/**
 * Selecting one node on the canvas (click or keyboard) narrows the inspector to that node's
 * deliveries; clearing the selection lifts that filter again, unless the person has since
 * picked another node in the inspector. A stopped run's folded inspector is not unfolded by
 * a click made while editing.
 */
export function useSelectionFilter(): void {
  const editor = useEditorApi();
  const inspector = useInspectorApi();
  useEffect(() => {
    let ours: string | null = null;
    return editor.subscribe((s, prev) => {
      if (s.selectedNodeIds === prev.selectedNodeIds && s.selectedEdgeIds === prev.selectedEdgeIds) return;
      const state = inspector.getState();
      const one =
        s.selectedNodeIds.size === 1 && s.selectedEdgeIds.size === 0 ? [...s.selectedNodeIds][0]! : null;
      if (one) {
        if (state.filter.nodeId === one) return;
        ours = one;
        state.setFilter({ nodeId: one });
        state.setTab("events");
      } else if (s.selectedNodeIds.size === 0 && ours !== null) {
        if (state.filter.nodeId === ours) state.setFilter({ nodeId: "" });
        ours = null;
      }
    });
  }, [editor, inspector]);
}
