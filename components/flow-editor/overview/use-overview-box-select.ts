"use client";

import { useEffect } from "react";
import { useStore, useStoreApi } from "@xyflow/react";
import { useEditorApi } from "../store/editor-context";
import { nodesInside } from "./geometry";

const sameSet = (a: ReadonlySet<string>, b: readonly string[]) =>
  a.size === b.length && b.every((id) => a.has(id));

/**
 * Shift-drag on the overview selects what the box holds, as it does on React Flow's cards: the
 * nodes wholly inside it and the connections of those nodes. React Flow draws the box; it holds
 * no nodes under the overview to pick, so the picking is done here, from the flow.
 */
export function useOverviewBoxSelect() {
  const editor = useEditorApi();
  const flow = useStoreApi();
  const box = useStore((s) => (s.userSelectionActive ? s.userSelectionRect : null));
  useEffect(() => {
    if (!box) return;
    const [tx, ty, zoom] = flow.getState().transform;
    const rect = {
      x: (box.x - tx) / zoom,
      y: (box.y - ty) / zoom,
      width: box.width / zoom,
      height: box.height / zoom,
    };
    const state = editor.getState();
    const nodeIds = nodesInside(state.graph.nodes, state.nodeSizes, rect);
    const picked = new Set(nodeIds);
    const edgeIds = state.graph.edges
      .filter((e) => picked.has(e.source) || picked.has(e.target))
      .map((e) => e.id);
    if (!sameSet(state.selectedNodeIds, nodeIds) || !sameSet(state.selectedEdgeIds, edgeIds))
      state.select(nodeIds, edgeIds);
  }, [box, editor, flow]);
}
