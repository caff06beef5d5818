import { useCallback } from "react";
import { getViewportForBounds, useReactFlow, useStoreApi } from "@xyflow/react";
import { useEditorApi } from "../store/editor-context";
import { nodesBounds } from "../overview/geometry";

export interface FitRequest {
  /** The nodes to show; all of them when left out. */
  ids?: readonly string[];
  /** Room around them, as a share of the canvas (React Flow's default 0.1). */
  padding?: number;
  minZoom?: number;
  maxZoom?: number;
  duration?: number;
}

/**
 * Fits nodes of the flow in view, from the flow itself rather than from React Flow's nodes:
 * under the overview of a big flow (overview/flow-overview.tsx) React Flow holds none.
 * Every fit of the canvas goes through here.
 */
export function useFitGraph() {
  const editor = useEditorApi();
  const flow = useStoreApi();
  const { setViewport } = useReactFlow();
  return useCallback(
    (request: FitRequest = {}) => {
      const { graph, nodeSizes } = editor.getState();
      const bounds = nodesBounds(graph.nodes, nodeSizes, request.ids && new Set(request.ids));
      const { width, height, minZoom, maxZoom } = flow.getState();
      if (!bounds || !width || !height) return;
      const view = getViewportForBounds(
        bounds,
        width,
        height,
        request.minZoom ?? minZoom,
        request.maxZoom ?? maxZoom,
        request.padding ?? 0.1,
      );
      void setViewport(view, { duration: request.duration });
    },
    [editor, flow, setViewport],
  );
}
