import { useEffect, useRef } from "react";
import { useEditor, useEditorApi } from "../store/editor-context";
import { EDGE_KIND_HINTS } from "./edge-kinds";

/**
 * Shown where a consumer → topic connection was dropped: the person says whether the
 * consumer emits to, replies on, or dead-letters to the topic. The edge already exists
 * with a sensible default, so dismissing the chooser keeps that default.
 */
export function EdgeKindChooser() {
  const choice = useEditor((s) => s.pendingEdgeChoice);
  const current = useEditor((s) =>
    choice ? s.graph.edges.find((e) => e.id === choice.edgeId)?.kind : undefined,
  );
  const editor = useEditorApi();
  const first = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!choice) return;
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && editor.getState().setPendingEdgeChoice(null);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [choice, editor]);
  if (!choice || !current) return null;
  const pick = (kind: typeof current) => {
    if (kind !== current) editor.getState().setEdgeKind(choice.edgeId, kind);
    editor.getState().setPendingEdgeChoice(null);
  };
  return (
    <div
      role="dialog"
      aria-label="Connection kind"
      className="fixed z-50 w-64 rounded-lg border border-line bg-surface-raised p-1.5 shadow-lg"
      style={{
        left: Math.min(choice.x + 8, window.innerWidth - 270),
        top: Math.min(choice.y + 8, window.innerHeight - 180),
      }}
    >
      <p className="px-2 pt-1 pb-1.5 text-xs text-ink-muted">This consumer…</p>
      {choice.kinds.map((kind, i) => (
        <button
          key={kind}
          ref={i === 0 ? first : undefined}
          type="button"
          aria-label={kind}
          aria-pressed={kind === current}
          onClick={() => pick(kind)}
          className={`flex w-full flex-col items-start rounded-md px-2 py-1.5 text-left hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-accent ${kind === current ? "bg-surface-sunken" : ""}`}
        >
          <span className={`font-medium ${kind === "dead-letters" ? "text-failed" : "text-ink"}`}>
            {kind}
          </span>
          <span className="text-xs text-ink-muted">{EDGE_KIND_HINTS[kind]}</span>
        </button>
      ))}
    </div>
  );
}
