import { useEffect } from "react";
import { useEditor, useEditorApi } from "../store/editor-context";
import { useFitGraph } from "./use-fit-graph";

/** Centres the canvas on what the issues list (or history) asked to show. */
export function useFocusRequests() {
  const request = useEditor((s) => s.focusRequest);
  const editor = useEditorApi();
  const fit = useFitGraph();
  useEffect(() => {
    if (!request) return;
    const { graph } = editor.getState();
    const edge = request.edgeId ? graph.edges.find((e) => e.id === request.edgeId) : undefined;
    const ids = request.nodeId ? [request.nodeId] : edge ? [edge.source, edge.target] : [];
    const duration = matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 300;
    // No target means "show everything" (after an import or a restore).
    if (!request.nodeId && !request.edgeId)
      requestAnimationFrame(() => fit({ padding: 0.15, maxZoom: 1, duration }));
    else if (ids.length) fit({ ids, maxZoom: 1.2, duration });
  }, [request, editor, fit]);
}
