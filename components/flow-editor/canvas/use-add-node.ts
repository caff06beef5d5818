import { useCallback } from "react";
import { useReactFlow } from "@xyflow/react";
import type { NodeKind } from "@/lib/flow";
import { useEditorApi } from "../store/editor-context";
import { freeSpot } from "./placement";

export const CANVAS_ID = "flow-canvas";
export const NODE_DRAG_TYPE = "application/x-eventloom-kind";
const GRID = 16;
const snap = (v: number) => Math.round(v / GRID) * GRID;
/** A card's size before React Flow has measured it. */
const CARD = { width: 208, height: 88 };

/** Adds a node at a screen point (a drop) or, for the click/keyboard path, near the canvas centre. */
export function useAddNode() {
  const editor = useEditorApi();
  const { screenToFlowPosition } = useReactFlow();
  const addAt = useCallback(
    (kind: NodeKind, screen: { x: number; y: number }) => {
      const point = screenToFlowPosition(screen);
      // Centre the card on the pointer (cards are 208 × ~72).
      let position = { x: point.x - 104, y: point.y - 36 };
      if (editor.getState().snapToGrid) position = { x: snap(position.x), y: snap(position.y) };
      return editor.getState().addNode(kind, position);
    },
    [editor, screenToFlowPosition],
  );
  const addAtCentre = useCallback(
    (kind: NodeKind) => {
      const box = document.getElementById(CANVAS_ID)?.getBoundingClientRect();
      const x = box ? box.left + box.width / 2 : window.innerWidth / 2;
      const y = box ? box.top + box.height / 2 : window.innerHeight / 2;
      const state = editor.getState();
      // The free space nearest the middle of the view, never on top of a card already there.
      const occupied = state.graph.nodes.map((n) => ({
        ...n.position,
        ...(state.nodeSizes.get(n.id) ?? CARD),
      }));
      let position = freeSpot(screenToFlowPosition({ x, y }), CARD, occupied);
      if (state.snapToGrid) position = { x: snap(position.x), y: snap(position.y) };
      return state.addNode(kind, position);
    },
    [editor, screenToFlowPosition],
  );
  return { addAt, addAtCentre };
}
