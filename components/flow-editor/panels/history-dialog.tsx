import { useEffect, useState } from "react";
import type { RevisionSummary } from "@/lib/api/flows";
import { listRevisions, restoreRevision } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";

/** The flow's saved versions, newest first; restoring one saves it as a new version. */
export function HistoryDialog() {
  const open = useEditor((s) => s.dialog === "history");
  const flowId = useEditor((s) => s.flowId);
  const current = useEditor((s) => s.version);
  const editor = useEditorApi();
  const [revisions, setRevisions] = useState<RevisionSummary[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
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
  return (
    <Dialog open={open} title="Version history" onClose={() => editor.getState().openDialog(null)}>
      <p className="mb-3 text-sm text-ink-muted">
        A version is kept for every stretch of editing (after a minute&apos;s pause, on deploy, or when
        named). Restoring one makes it the flow everyone is editing, saved as a new version.
      </p>
      {error && (
        <p role="alert" className="mb-2 text-sm text-failed">
          {error}
        </p>
      )}
      <ul aria-label="Versions" className="flex flex-col divide-y divide-line rounded-md border border-line">
        {revisions.map((r) => (
          <li key={r.version} className="flex items-center gap-3 px-3 py-2">
            <span className="tabular w-10 font-semibold">v{r.version}</span>
            <span className="flex flex-1 flex-col">
              <span className="text-sm">{r.name}</span>
              <span className="tabular text-xs text-ink-muted">
                {new Date(r.createdAt).toLocaleString()} · {r.nodeCount} nodes, {r.edgeCount} connections
              </span>
            </span>
            {r.version === current ? (
              <span className="text-xs text-ink-muted">current</span>
            ) : (
              <Button aria-label={`Restore version ${r.version}`} onClick={() => void restore(r.version)}>
                Restore
              </Button>
            )}
          </li>
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
