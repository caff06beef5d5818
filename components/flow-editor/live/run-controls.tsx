"use client";

import { useCallback } from "react";
import { validateGraph } from "@/lib/flow";
import { useDeployStop } from "@/components/realtime/use-deploy-stop";
import { Button } from "@/components/ui/button";
import type { EditorStore } from "../store/create-editor-store";
import type { EditorState } from "../store/editor-state";
import { useEditor, useEditorApi } from "../store/editor-context";
import { useCanvasLive, useHasLiveRun } from "./live-layer";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/**
 * The server runs the saved version, so this person's edits must have reached it and been
 * saved first (they go out as they are made). Resolves to null once they are, or to what
 * stands in the way, in words the person can act on.
 */
export async function saveBeforeDeploy(editor: EditorStore, timeoutMs = 15_000): Promise<string | null> {
  const s = editor.getState();
  const errors = validateGraph(s.graph).issues.filter((i) => i.severity === "error").length;
  if (errors > 0)
    return `Not deployed: the flow has ${plural(errors, "problem")}. Fix them (see Flow problems), then deploy.`;
  const ready = (now: EditorState) => !now.unsaved && now.saveStatus === "saved";
  if (ready(s)) return null;
  if (s.saveStatus === "offline")
    return "Not deployed: you are offline. Your edits will sync when the connection is back; deploy then.";
  // Connecting (the shared flow has not arrived yet) or saving: wait for it, within reason.
  await new Promise<void>((resolve) => {
    const done = () => (clearTimeout(timer), unsubscribe(), resolve());
    const timer = setTimeout(done, timeoutMs);
    const unsubscribe = editor.subscribe((now) => {
      if (ready(now) || now.saveStatus === "offline") done();
    });
  });
  const now = editor.getState();
  if (ready(now)) return null;
  if (now.saveStatus === "offline")
    return "Not deployed: the connection dropped. Your edits will sync when it is back; deploy then.";
  if (now.saveStatus === "connecting")
    return "Not deployed: the server has not answered yet (Connecting…). Deploy once the flow reads Saved.";
  return "Not deployed: your latest edits have not reached the server yet. Try again in a moment.";
}

/** "Running v7", "Edited since deploy", "Stopping…", "Stopped", and the cap note while a cap throttles the run. */
export function RunStateIndicator() {
  const status = useCanvasLive((s) => s.status);
  const version = useEditor((s) => s.version);
  const unsaved = useEditor((s) => s.unsaved);
  const readOnly = useEditor((s) => s.readOnly);
  const edited = !readOnly && (unsaved || (status?.version != null && version !== status.version));
  if (!status) return null;
  const running = status.state === "running";
  const base = "inline-flex items-center gap-1.5 whitespace-nowrap rounded-md px-2 py-0.5 text-xs";
  return (
    <span aria-live="polite" className="inline-flex min-w-0 items-center gap-1">
      {running ? (
        <span
          className={`${base} font-medium text-ink`}
          title={`Version ${status.version} of this flow is running on the server`}
        >
          <span aria-hidden="true" className="inline-block h-2 w-2 rounded-full bg-acked" />
          Running v{status.version}
        </span>
      ) : (
        <span className={`${base} text-ink-muted`} title={status.reason ?? undefined}>
          <span
            aria-hidden="true"
            className={`inline-block h-2 w-2 rounded-full ${status.state === "stopping" ? "bg-retry" : "border border-ink-muted"}`}
          />
          {status.state === "stopping" ? "Stopping…" : "Stopped"}
        </span>
      )}
      {running && edited && (
        <span
          className={`${base} border border-line text-ink-muted`}
          title={`The canvas (v${version}${unsaved ? ", with unsaved edits" : ""}) differs from the running v${status.version}: Redeploy to run it`}
        >
          Edited since deploy
        </span>
      )}
      {/* On a phone the top bar has no room for it; the inspector's status line says it there. */}
      {running && status.resumed && (
        <span className={`${base} border border-line text-ink-muted max-sm:hidden`} title={status.resumed}>
          Resumed after restart
        </span>
      )}
      {running && status.unreachable && (
        <span
          role="status"
          className={`${base} max-w-72 truncate bg-failed/10 text-ink`}
          title={status.unreachable}
        >
          <span aria-hidden="true" className="text-failed">
            ⚠
          </span>
          <span className="truncate">{status.unreachable}</span>
        </span>
      )}
      {running && status.capped && (
        <span className={`${base} max-w-72 truncate bg-retry/10 text-ink`} title={status.capped}>
          <span aria-hidden="true" className="text-retry">
            ◔
          </span>
          <span className="truncate">{status.capped}</span>
        </span>
      )}
    </span>
  );
}

/** Deploy (saving unsaved edits first) and Stop, with the server's answer when it refuses. */
function DeployStop() {
  const editor = useEditorApi();
  const flowId = useEditor((s) => s.flowId);
  const state = useCanvasLive((s) => s.status?.state);
  const saveFirst = useCallback(() => saveBeforeDeploy(editor), [editor]);
  const { busy, error, deploy, stop, dismiss } = useDeployStop(flowId, saveFirst);
  const running = state === "running";
  return (
    <span className="relative inline-flex items-center gap-1">
      {(running || state === "stopping") && (
        <Button variant="danger" disabled={busy !== null || state === "stopping"} onClick={stop}>
          {busy === "stop" || state === "stopping" ? "Stopping…" : "Stop"}
        </Button>
      )}
      <Button
        variant="primary"
        disabled={busy !== null || state === "stopping" || state === undefined}
        onClick={deploy}
        title="Runs the saved version on the server (unsaved edits are saved first)"
      >
        {busy === "deploy" ? "Deploying…" : running ? "Redeploy" : "Deploy"}
      </Button>
      {error && (
        <div
          role="alert"
          className="absolute top-full right-0 z-50 mt-2 w-96 rounded-lg border border-failed/40 bg-surface-raised p-3 text-sm shadow-lg"
        >
          <p className="font-medium text-failed">{error.title}</p>
          {error.details.length > 0 && (
            <ul className="mt-1.5 list-disc pl-5 text-xs text-ink">
              {error.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
          <div className="mt-2 flex justify-end">
            <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={dismiss}>
              Dismiss
            </Button>
          </div>
        </div>
      )}
    </span>
  );
}

/** The top bar's run controls: the run state for everyone watching, Deploy / Stop for those who may edit. */
export function LiveRunTopBar() {
  const canRun = useEditor((s) => !s.readOnly && s.shareMode === "edit");
  if (!useHasLiveRun()) return null;
  return (
    <span className="mr-1 inline-flex items-center gap-2">
      <RunStateIndicator />
      {canRun && <DeployStop />}
    </span>
  );
}
