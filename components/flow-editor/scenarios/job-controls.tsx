"use client";

import { Button } from "@/components/ui/button";
import { useEditor, useEditorApi } from "../store/editor-context";
import { jobKey, type JobKind } from "../store/scenario-slice";
import { cancelJob, startJob } from "./scenario-actions";
import { jobStateText } from "./scenario-jobs";
import { describePath } from "./scenario-problems";

/**
 * Starts a run or forecast of the saved scenario, shows its progress with a Cancel while it
 * goes, and says plainly why it cannot start (`blocked`) or why it stopped.
 */
export function JobControls({
  kind,
  scenarioId,
  label,
  blocked,
}: {
  kind: JobKind;
  scenarioId: string;
  label: string;
  blocked: string | null;
}) {
  const editor = useEditorApi();
  const state = useEditor((s) => s.jobs[jobKey(kind, scenarioId)]);
  const job = state?.job ?? null;
  const running = job?.state === "running" || (state !== undefined && job === null && state.error === null);
  const pct = Math.floor((job?.progress ?? 0) * 100);
  const what = kind === "run" ? "Scenario run" : "Capacity forecast";
  return (
    <div className="flex flex-col gap-1.5">
      <div className="flex items-center gap-2">
        {running ? (
          <>
            <div
              role="progressbar"
              aria-label={`${what} progress`}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={pct}
              className="h-2 flex-1 overflow-hidden rounded-full bg-surface-sunken"
            >
              <div className="h-full bg-accent transition-[width]" style={{ width: `${pct}%` }} />
            </div>
            <span className="w-28 text-xs text-ink-muted tabular">
              {job ? jobStateText(job) : "Starting…"}
            </span>
            <Button variant="danger" disabled={!job} onClick={() => void cancelJob(editor, kind, scenarioId)}>
              Cancel
            </Button>
          </>
        ) : (
          <>
            <Button
              variant="primary"
              disabled={blocked !== null}
              onClick={() => void startJob(editor, kind, scenarioId)}
            >
              {label}
            </Button>
            {blocked ? (
              <span className="text-xs text-ink-muted">{blocked}</span>
            ) : (
              job && <span className="text-xs text-ink-muted">{jobStateText(job)}</span>
            )}
          </>
        )}
      </div>
      {state?.error && (
        <div role="alert" className="rounded-md bg-failed/10 px-2 py-1 text-xs text-failed">
          <p>{state.error}</p>
          {state.issues && state.issues.length > 0 && (
            <ul className="mt-0.5 list-disc pl-4">
              {state.issues.map((i) => (
                <li key={`${i.path}:${i.message}`}>
                  {describePath(i.path.replace(/^scenarios\[\d+\]\./, ""))}: {i.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
