"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { createFlow, forkFlow } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { useEditor, useEditorApi } from "../store/editor-context";

/** "View only" or "Snapshot": says plainly, in the top bar, that nothing here can be changed. */
export function ReadOnlyBadge() {
  const mode = useEditor((s) => s.shareMode);
  const snapshot = mode === "snapshot";
  return (
    <span
      title={
        snapshot
          ? "A picture of a flow carried in the link: save it as a new flow to edit it"
          : "You opened a view link: you can look and watch the run, not change it. Fork to get an editable copy."
      }
      className="inline-flex items-center gap-1.5 rounded-full border border-accent/40 bg-accent/10 px-2.5 py-0.5 text-xs font-medium text-accent"
    >
      <svg
        aria-hidden="true"
        width="14"
        height="14"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        {snapshot ? (
          <>
            <rect x="3" y="6" width="18" height="14" rx="2" />
            <circle cx="12" cy="13" r="3.5" />
            <path d="M8 6l1.5-2h5L16 6" />
          </>
        ) : (
          <>
            <path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" />
            <circle cx="12" cy="12" r="3" />
          </>
        )}
      </svg>
      {snapshot ? "Snapshot" : "View only"}
    </span>
  );
}

/**
 * The one way forward from a read-only flow: Fork (a view link: an editable copy made on the
 * server from the shared flow) or Save as new flow (a snapshot: the graph in the link). Either
 * opens the new flow's designer.
 */
export function ReadOnlyActions() {
  const editor = useEditorApi();
  const mode = useEditor((s) => s.shareMode);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const { flowId, name, graph } = editor.getState();
      const copy = mode === "snapshot" ? await createFlow({ name, graph }) : await forkFlow(flowId);
      router.push(`/flows/${copy.id}`);
    } catch (e) {
      setError((e as Error).message);
      setBusy(false);
    }
  };
  const label = mode === "snapshot" ? "Save as new flow" : "Fork";
  return (
    <span className="relative inline-flex">
      <Button
        variant="primary"
        disabled={busy}
        onClick={() => void run()}
        title={
          mode === "snapshot"
            ? "Store this graph as a new flow of your own, to edit and run"
            : "Make an editable copy of this flow, your own"
        }
      >
        {mode === "snapshot" ? null : <ForkIcon />}
        {busy ? (mode === "snapshot" ? "Saving…" : "Forking…") : label}
      </Button>
      {error && (
        <p
          role="alert"
          className="absolute top-full right-0 z-50 mt-1 w-72 rounded-md border border-failed/40 bg-surface-raised p-2 text-xs text-failed shadow"
        >
          {mode === "snapshot" ? "Could not save it" : "Could not fork it"}: {error}
        </p>
      )}
    </span>
  );
}

function ForkIcon() {
  return (
    <svg
      aria-hidden="true"
      width="14"
      height="14"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
    >
      <circle cx="6" cy="5" r="2" />
      <circle cx="18" cy="5" r="2" />
      <circle cx="12" cy="19" r="2" />
      <path d="M6 7v2a4 4 0 0 0 4 4h4a4 4 0 0 0 4-4V7M12 13v4" />
    </svg>
  );
}
