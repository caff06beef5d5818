import { useEditor, useEditorApi } from "../store/editor-context";

/**
 * Where this person's edits stand, always in words: Connecting…, Saving…, Saved, Not saved —
 * fix N problems, or Offline (with "changes will sync" while there are edits the server has not
 * got yet).
 */
export function SaveStatus() {
  const status = useEditor((s) => s.saveStatus);
  const unsaved = useEditor((s) => s.unsaved);
  const refused = useEditor((s) => s.saveError);
  const errors = useEditor((s) => s.issues.filter((i) => i.severity === "error").length);
  const editor = useEditorApi();
  const base = "inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs";
  if (status === "offline")
    return (
      <span
        role="status"
        className={`${base} text-retry`}
        title="Edits stay in this tab until the connection is back"
      >
        <Dot className="bg-retry" />
        {unsaved ? "Offline: changes will sync" : "Offline"}
      </span>
    );
  // The server keeps the last version without errors until they are fixed, as for one person.
  if (errors > 0 && unsaved && status !== "connecting")
    return (
      <button
        type="button"
        role="status"
        className={`${base} text-failed hover:bg-failed/10`}
        onClick={() => editor.getState().select([], [])}
      >
        <Dot className="bg-failed" />
        Not saved — fix {errors} problem{errors === 1 ? "" : "s"}
      </button>
    );
  const label = status === "connecting" ? "Connecting…" : status === "saving" ? "Saving…" : "Saved";
  return (
    <span role="status" className={`${base} text-ink-muted`} title={refused ?? undefined}>
      <Dot className={status === "saved" ? "bg-acked" : "bg-retry"} />
      {label}
    </span>
  );
}

function Dot({ className }: { className: string }) {
  return <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${className}`} />;
}
