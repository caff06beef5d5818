import { useEditor, useEditorApi } from "../store/editor-context";

/** Saved / Saving… / Not saved — retry / Not saved — fix N problems, always in words. */
export function SaveStatus() {
  const status = useEditor((s) => s.saveStatus);
  const detail = useEditor((s) => s.saveError);
  const dirty = useEditor((s) => s.graph !== s.savedGraph || s.name !== s.savedName);
  const editor = useEditorApi();
  const base = "inline-flex items-center gap-1.5 rounded-md px-2 py-0.5 text-xs";
  if (status === "error") {
    return (
      <button
        type="button"
        role="status"
        className={`${base} text-failed hover:bg-failed/10`}
        title={detail ?? undefined}
        onClick={() => editor.getState().requestSave()}
      >
        <Dot className="bg-failed" />
        Not saved — retry
      </button>
    );
  }
  if (status === "invalid") {
    const n = Number(detail ?? 1);
    return (
      <button
        type="button"
        role="status"
        className={`${base} text-failed hover:bg-failed/10`}
        onClick={() => editor.getState().select([], [])}
      >
        <Dot className="bg-failed" />
        Not saved — fix {n} problem{n === 1 ? "" : "s"}
      </button>
    );
  }
  if (status === "conflict")
    return (
      <span role="status" className={`${base} text-retry`}>
        <Dot className="bg-retry" />
        Not saved — changed elsewhere
      </span>
    );
  const saving = status === "saving" || dirty;
  return (
    <span role="status" className={`${base} text-ink-muted`}>
      <Dot className={saving ? "bg-retry" : "bg-acked"} />
      {saving ? "Saving…" : "Saved"}
    </span>
  );
}

function Dot({ className }: { className: string }) {
  return <span aria-hidden="true" className={`inline-block h-2 w-2 rounded-full ${className}`} />;
}
