import { useState } from "react";
import { ZFlowName } from "@/lib/api/flows";
import { useEditor, useEditorApi } from "../store/editor-context";

/** The flow's name as the page heading; click it to rename (saved with the next autosave). */
export function FlowName() {
  const name = useEditor((s) => s.name);
  const editor = useEditorApi();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const readOnly = useEditor((s) => s.readOnly);
  if (readOnly)
    return (
      <h1 className="min-w-0 max-w-xs truncate px-1.5 font-semibold" title={name}>
        {name}
      </h1>
    );
  const commit = () => {
    if (draft === null) return;
    const parsed = ZFlowName.safeParse(draft);
    if (!parsed.success) return setError(`The name ${parsed.error.issues[0].message}`);
    editor.getState().rename(parsed.data);
    setDraft(null);
    setError(null);
  };
  if (draft !== null) {
    return (
      <div className="relative">
        <input
          aria-label="Flow name"
          autoFocus
          value={draft}
          maxLength={120}
          aria-invalid={!!error}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === "Enter") commit();
            if (e.key === "Escape") {
              setDraft(null);
              setError(null);
            }
          }}
          className="w-64 rounded-md border border-line bg-surface px-2 py-1 font-semibold aria-[invalid=true]:border-failed"
        />
        {error && (
          <p
            role="alert"
            className="absolute top-full mt-1 w-64 rounded bg-surface-raised p-1 text-xs text-failed shadow"
          >
            {error}
          </p>
        )}
      </div>
    );
  }
  // The heading is the flow's name; the control beside it is named for what it does.
  return (
    <div className="flex min-w-0 items-center">
      <h1
        className="min-w-0 max-w-xs cursor-text truncate rounded-md px-1.5 py-0.5 font-semibold hover:bg-surface-sunken"
        title={name}
        onClick={() => setDraft(name)}
      >
        {name}
      </h1>
      <button
        type="button"
        aria-label="Rename flow"
        title="Rename flow"
        onClick={() => setDraft(name)}
        className="shrink-0 rounded-md px-1 py-0.5 text-ink-muted hover:bg-surface-sunken hover:text-ink focus-visible:outline-2 focus-visible:outline-accent"
      >
        <span aria-hidden="true">✎</span>
      </button>
    </div>
  );
}
