"use client";

import { useState } from "react";
import { api, ApiRequestError } from "@/components/home/api-client";
import { Button } from "@/components/ui/button";
import { useRunStatus } from "./live-hooks";

/**
 * Deploy / Stop for the top bar. Deploy runs the saved version (a running flow is redeployed
 * by diff); the run's status then arrives over the socket, so the buttons follow the server.
 */
export function RunButtons({ flowId, disabled = false }: { flowId: string; disabled?: boolean }) {
  const status = useRunStatus();
  const [busy, setBusy] = useState<"deploy" | "stop" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = status?.state === "running";
  const call = async (action: "deploy" | "stop") => {
    setBusy(action);
    setError(null);
    try {
      await api(`/api/flows/${encodeURIComponent(flowId)}/${action}`, { method: "POST" });
    } catch (e) {
      const what = action === "deploy" ? "Could not deploy" : "Could not stop";
      setError(
        `${what}: ${e instanceof ApiRequestError ? e.body.error : "the server did not answer; try again"}`,
      );
    } finally {
      setBusy(null);
    }
  };
  return (
    <span className="inline-flex items-center gap-2">
      {error && (
        <span role="alert" className="max-w-80 truncate text-xs text-failed" title={error}>
          {error}
        </span>
      )}
      <Button
        variant="primary"
        disabled={disabled || busy !== null || status?.state === "stopping"}
        onClick={() => call("deploy")}
      >
        {busy === "deploy" ? "Deploying…" : running ? "Redeploy" : "Deploy"}
      </Button>
      {(running || status?.state === "stopping") && (
        <Button
          variant="danger"
          disabled={busy !== null || status?.state === "stopping"}
          onClick={() => call("stop")}
        >
          {busy === "stop" || status?.state === "stopping" ? "Stopping…" : "Stop"}
        </Button>
      )}
    </span>
  );
}
