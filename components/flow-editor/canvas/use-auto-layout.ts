import { useCallback } from "react";
import { useEditorApi } from "../store/editor-context";
import { moveNodes } from "../store/graph-ops";
import { useFitGraph } from "./use-fit-graph";

/**
 * Lays the flow out left to right as one undoable step, then fits it in view. The layout code
 * (dagre) loads on first use rather than with the designer.
 */
export function useAutoLayout() {
  const editor = useEditorApi();
  const fit = useFitGraph();
  return useCallback(() => {
    if (editor.getState().graph.nodes.length === 0) return;
    void import("./auto-layout").then(({ layoutLeftToRight }) => {
      const { graph, nodeSizes, commitGraph } = editor.getState();
      if (graph.nodes.length === 0) return;
      commitGraph(moveNodes(graph, layoutLeftToRight(graph, nodeSizes)));
      const duration = matchMedia("(prefers-reduced-motion: reduce)").matches ? 0 : 250;
      requestAnimationFrame(() => fit({ padding: 0.15, maxZoom: 1, duration }));
    });
  }, [editor, fit]);
}
