import { useEffect } from "react";
import { useEditorApi } from "../store/editor-context";
import { useFitGraph } from "./use-fit-graph";
import { FOCUSED_NODE } from "./use-flow-tab-order";

function typingInto(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  return (
    el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT"
  );
}

/** The designer's keys (see the shortcut sheet). Keys typed into a field stay with the field. */
export function useEditorShortcuts(layout: () => void) {
  const editor = useEditorApi();
  const fit = useFitGraph();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (typingInto(e.target) || document.querySelector("dialog[open]")) return;
      const s = editor.getState();
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      let handled = true;
      if (mod && key === "z" && !e.shiftKey) s.undo();
      else if (mod && ((key === "z" && e.shiftKey) || key === "y")) s.redo();
      else if (mod && key === "c") s.copy();
      else if (mod && key === "v") s.paste();
      else if (mod && key === "d") s.duplicate();
      else if (mod && key === "a")
        s.select(
          s.graph.nodes.map((n) => n.id),
          s.graph.edges.map((x) => x.id),
        );
      else if (!mod && (e.key === "Delete" || e.key === "Backspace")) s.deleteSelection();
      else if (e.key === "?") s.openDialog("shortcuts");
      else if (!mod && !e.shiftKey && key === "c" && !s.readOnly) {
        // "Connect to…" from the focused node (or the one selected node).
        const focused = (document.activeElement as HTMLElement | null)
          ?.closest(FOCUSED_NODE)
          ?.getAttribute("data-id");
        const only = s.selectedNodeIds.size === 1 ? [...s.selectedNodeIds][0] : undefined;
        const from = focused ?? only;
        if (!from) handled = false;
        else {
          s.select([from], []);
          s.openDialog("connect");
        }
      } else if (e.shiftKey && key === "l") layout();
      else if (e.shiftKey && e.code === "Digit1") fit({ padding: 0.15, maxZoom: 1 });
      else if (e.key === "Escape" && !s.pendingEdgeChoice) s.select([], []);
      else handled = false;
      if (handled) e.preventDefault();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [editor, fit, layout]);
}
