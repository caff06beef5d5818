"use client";

import { useMemo, useRef } from "react";
import type { KeyboardEvent, MouseEvent, PointerEvent } from "react";
import { useStoreApi } from "@xyflow/react";
import { useEditorApi } from "../store/editor-context";
import { dragPositions, placesOf, type XY } from "./geometry";

/** Pointer travel (screen px) below which a press is a click, not a drag (as React Flow's nodes). */
const CLICK_SLOP = 3;
const GRID = 16;
/** Where an arrow key moves the selection (by React Flow's step: the grid when snapping, else 5). */
const ARROWS: Record<string, XY> = {
  ArrowUp: { x: 0, y: -1 },
  ArrowDown: { x: 0, y: 1 },
  ArrowLeft: { x: -1, y: 0 },
  ArrowRight: { x: 1, y: 0 },
};

interface Drag {
  pointerId: number;
  nodeId: string;
  from: XY;
  start: Map<string, XY>;
  moved: boolean;
}

/** The overview element an event is on: a node or an edge (by its data-id), or nothing. */
function hit(target: EventTarget): { kind: "node" | "edge"; id: string } | null {
  const el = (target as Element).closest?.("[data-id]");
  const id = el?.getAttribute("data-id");
  if (!el || !id) return null;
  return { kind: el.classList.contains("el-overview-node") ? "node" : "edge", id };
}

/**
 * What the overview's nodes and edges do, handled once for all of them on the overview's <svg>:
 * a click selects (Ctrl or ⌘ adds to the selection), Enter or Space on a focused one selects it,
 * dragging a node moves it, with the rest of the selection when it is selected (else it
 * becomes the selection), and the arrow keys on a focused selected node move the selection as
 * they do on React Flow's cards (Shift: four steps).
 */
export function useOverviewPointer() {
  const editor = useEditorApi();
  const flow = useStoreApi();
  const drag = useRef<Drag | null>(null);
  /** The click after a press on a node: that press (its drag or its choice) has been handled. */
  const pressed = useRef(false);
  return useMemo(() => {
    const choose = (on: { kind: "node" | "edge"; id: string }, adding: boolean) => {
      const state = editor.getState();
      const chosen = (on.kind === "node" ? state.selectedNodeIds : state.selectedEdgeIds).has(on.id);
      if (adding) state.toggleSelected(on.kind, on.id, !chosen);
      else if (on.kind === "node") state.select([on.id], []);
      else state.select([], [on.id]);
    };
    return {
      onPointerDown(e: PointerEvent<SVGSVGElement>) {
        pressed.current = false;
        const on = hit(e.target);
        const state = editor.getState();
        if (e.button !== 0 || on?.kind !== "node" || state.readOnly) return;
        const moving = state.selectedNodeIds.has(on.id) ? state.selectedNodeIds : new Set([on.id]);
        drag.current = {
          pointerId: e.pointerId,
          nodeId: on.id,
          from: { x: e.clientX, y: e.clientY },
          start: placesOf(state.graph.nodes, moving),
          moved: false,
        };
        e.currentTarget.setPointerCapture(e.pointerId);
      },
      onPointerMove(e: PointerEvent<SVGSVGElement>) {
        const d = drag.current;
        if (!d || d.pointerId !== e.pointerId) return;
        const delta = { x: e.clientX - d.from.x, y: e.clientY - d.from.y };
        if (!d.moved && Math.hypot(delta.x, delta.y) < CLICK_SLOP) return;
        const state = editor.getState();
        // As on React Flow's cards, the node a drag starts on becomes the selection if it was not in it.
        if (!d.moved && !state.selectedNodeIds.has(d.nodeId)) state.select([d.nodeId], []);
        d.moved = true;
        const zoom = flow.getState().transform[2];
        state.moveNodes(dragPositions(d.start, delta, zoom, state.snapToGrid ? GRID : null), true);
      },
      onPointerUp(e: PointerEvent<SVGSVGElement>) {
        const d = drag.current;
        if (!d || d.pointerId !== e.pointerId) return;
        drag.current = null;
        pressed.current = true;
        // The pointer was captured, so the click that follows is the <svg>'s: a press that did not
        // move chooses its node here.
        if (d.moved) editor.getState().finishDrag();
        else choose({ kind: "node", id: d.nodeId }, e.ctrlKey || e.metaKey);
      },
      onPointerCancel(e: PointerEvent<SVGSVGElement>) {
        const d = drag.current;
        if (!d || d.pointerId !== e.pointerId) return;
        drag.current = null;
        if (d.moved) editor.getState().finishDrag();
      },
      onClick(e: MouseEvent<SVGSVGElement>) {
        const on = hit(e.target);
        if (!on && !pressed.current) return;
        // The canvas below clears the selection on any click that reaches it.
        e.stopPropagation();
        if (pressed.current) pressed.current = false;
        else if (on) choose(on, e.ctrlKey || e.metaKey);
      },
      onKeyDown(e: KeyboardEvent<SVGSVGElement>) {
        const on = hit(e.target);
        if (!on) return;
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          choose(on, false);
          return;
        }
        const direction = ARROWS[e.key];
        const state = editor.getState();
        if (!direction || on.kind !== "node" || state.readOnly || !state.selectedNodeIds.has(on.id)) return;
        e.preventDefault();
        const step = (state.snapToGrid ? GRID : 5) * (e.shiftKey ? 4 : 1);
        const moved = dragPositions(
          placesOf(state.graph.nodes, state.selectedNodeIds),
          { x: direction.x * step, y: direction.y * step },
          1,
          state.snapToGrid ? GRID : null,
        );
        state.moveNodes(moved, false);
        // Said as React Flow says it for its cards, in its live region (still there under the overview).
        const { ariaLabelConfig } = flow.getState();
        const at = moved.get(on.id)!;
        flow.setState({
          ariaLiveMessage: ariaLabelConfig["node.a11yDescription.ariaLiveMessage"]({
            direction: e.key.replace("Arrow", "").toLowerCase(),
            x: Math.trunc(at.x),
            y: Math.trunc(at.y),
          }),
        });
      },
    };
  }, [editor, flow]);
}
