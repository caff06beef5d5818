import { useEffect, useState, type FormEvent } from "react";
import { MAX_VERSION_LABEL, type RevisionSummary } from "@/lib/api/flows";
import { listRevisions, nameVersion, restoreRevision } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useCanvasLive } from "../live/live-layer";
import { useEditor, useEditorApi } from "../store/editor-context";
import { RevisionItem } from "./revision-item";

/** The flow's saved versions, newest first; restoring one saves it as a new version. */
export function HistoryDialog() {
  const open = useEditor((s) => s.dialog === "history");
  const flowId = useEditor((s) => s.flowId);
  const current = useEditor((s) => s.version);
  const readOnly = useEditor((s) => s.readOnly);
  const run = useCanvasLive((s) => s.status);
  const editor = useEditorApi();
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [label, setLabel] = useState("");
  const [named, setNamed] = useState<string | null>(null);
  const load = async (before?: number) => {
    try {
      const page = await listRevisions(flowId, { limit: 20, before });
      setRevisions((r) => (before ? [...r, ...page.revisions] : page.revisions));
      setNextBefore(page.nextBefore);
      setError(null);
    } catch (e) {
      setError(`Could not load the history: ${(e as Error).message}`);
    }
  };
  useEffect(() => {
    if (open) void load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, flowId]);
  const restore = async (version: number) => {
    try {
      // The server makes it the flow's present in everyone's editor, this one included.
      await restoreRevision(flowId, version);
      const state = editor.getState();
      state.select([], []);
      state.focusElement({});
      state.openDialog(null);
    } catch (e) {
      setError(`Could not restore version ${version}: ${(e as Error).message}`);
    }
  };
  const name = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const answer = await nameVersion(flowId, label);
      setLabel("");
      setNamed(`Version ${answer.version} is named “${answer.label}”.`);
      await load();
    } catch (err) {
      setNamed(null);
      setError(`Could not name this version: ${(err as Error).message}`);
    }
  };
  return (
    <Dialog open={open} title="Version history" wide onClose={() => editor.getState().openDialog(null)}>
      <p className="mb-3 text-sm text-ink-muted">
        A version is kept for every stretch of editing (after a minute&apos;s pause, on deploy, or when
        named). Restoring one makes it the flow everyone is editing, saved as a new version.
      </p>
      {!readOnly && (
        <form onSubmit={(e) => void name(e)} className="mb-3 flex flex-wrap items-end gap-2">
          <label className="flex min-w-48 flex-1 flex-col gap-1 text-xs text-ink-muted">
            Name the flow as it is now
            <input
              value={label}
              maxLength={MAX_VERSION_LABEL}
              placeholder="e.g. Before Black Friday"
              onChange={(e) => setLabel(e.target.value)}
              className="rounded-md border border-line bg-surface px-2 py-1.5 text-sm text-ink"
            />
          </label>
          <Button type="submit" disabled={label.trim() === ""}>
            Name version
          </Button>
        </form>
      )}
      {named && (
        <p role="status" className="mb-2 text-sm text-ink">
          {named}
        </p>
      )}
      {error && (
        <p role="alert" className="mb-2 text-sm text-failed">
          {error}
        </p>
      )}
      <ul aria-label="Versions" className="flex flex-col divide-y divide-line rounded-md border border-line">
        {revisions.map((r) => (
          <RevisionItem
            key={r.version}
            revision={r}
            current={current}
            run={run}
            onRestore={readOnly ? undefined : (v) => void restore(v)}
          />
        ))}
      </ul>
      {nextBefore !== null && (
        <Button className="mt-2" onClick={() => void load(nextBefore)}>
          Show older versions
        </Button>
      )}
    </Dialog>
  );
}
