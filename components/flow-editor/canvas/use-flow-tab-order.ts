import { useEffect } from "react";
import { useEditorApi } from "../store/editor-context";
import { tabOrder, type TabStop } from "./tab-order";
import { CANVAS_ID } from "./use-add-node";

const FOCUSABLE =
  'a[href],button:not([disabled]),input:not([disabled]),select:not([disabled]),textarea:not([disabled]),[tabindex]:not([tabindex="-1"])';
/** A node on the canvas: React Flow's card, or its shape in the overview of a big flow. */
export const FOCUSED_NODE = ".react-flow__node[data-id], .el-overview-node[data-id]";
const STOP = `${FOCUSED_NODE}, .react-flow__edge[data-id], .el-overview-edge[data-id]`;

function stopOf(element: Element | null): TabStop | null {
  const hit = element?.closest?.(STOP);
  if (!hit) return null;
  return { kind: hit.matches(FOCUSED_NODE) ? "node" : "edge", id: hit.getAttribute("data-id")! };
}

function elementOf(root: HTMLElement, stop: TabStop): HTMLElement | null {
  const id = CSS.escape(stop.id);
  return root.querySelector<HTMLElement>(
    `.react-flow__${stop.kind}[data-id="${id}"], .el-overview-${stop.kind}[data-id="${id}"]`,
  );
}

/** The focusable element just outside the canvas's nodes and edges, before or after them in the page. */
function outside(renderer: Element, forward: boolean): HTMLElement | null {
  const all = [...document.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !renderer.contains(el) && el.offsetParent !== null,
  );
  const after = (el: HTMLElement) => renderer.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING;
  return forward ? (all.find(after) ?? null) : ([...all].reverse().find((el) => !after(el)) ?? null);
}

/**
 * Tab moves through the canvas in the flow's order (tabOrder) instead of React Flow's DOM
 * order (every edge before any node): into the canvas lands on the first node, out of it
 * continues with the controls after it.
 */
export function useFlowTabOrder() {
  const editor = useEditorApi();
  useEffect(() => {
    const root = document.getElementById(CANVAS_ID);
    if (!root) return;
    // Whether the last thing the person did was a Tab press (not a click), and which way.
    let tabbing = false;
    let shiftTab = false;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Tab") return;
      const current = stopOf(e.target as Element);
      if (!current) return;
      const order = tabOrder(editor.getState().graph);
      const at = order.findIndex((s) => s.kind === current.kind && s.id === current.id);
      const next = order[at + (e.shiftKey ? -1 : 1)];
      const renderer = root.querySelector(".react-flow__renderer") ?? root;
      const target = next && at >= 0 ? elementOf(root, next) : outside(renderer, !e.shiftKey);
      if (!target) return;
      e.preventDefault();
      target.focus();
    };
    const onFocusIn = (e: FocusEvent) => {
      const landed = stopOf(e.target as Element);
      if (!landed || stopOf(e.relatedTarget as Element | null)) return;
      // Arriving from outside: start at the flow's first stop (or its last, going backwards).
      const order = tabOrder(editor.getState().graph);
      const entry = shiftTab ? order[order.length - 1] : order[0];
      if (!tabbing || !entry || (entry.kind === landed.kind && entry.id === landed.id)) return;
      elementOf(root, entry)?.focus();
    };
    root.addEventListener("keydown", onKeyDown);
    root.addEventListener("focusin", onFocusIn);
    const onAnyKey = (e: KeyboardEvent) => {
      tabbing = e.key === "Tab";
      shiftTab = e.shiftKey;
    };
    const onPointer = () => void (tabbing = false);
    window.addEventListener("keydown", onAnyKey, true);
    window.addEventListener("pointerdown", onPointer, true);
    return () => {
      root.removeEventListener("keydown", onKeyDown);
      root.removeEventListener("focusin", onFocusIn);
      window.removeEventListener("keydown", onAnyKey, true);
      window.removeEventListener("pointerdown", onPointer, true);
    };
  }, [editor]);
}
