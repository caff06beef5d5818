"use client";

import { Button } from "@/components/ui/button";
import { useRunStatus } from "./live-hooks";
import { useDeployStop } from "./use-deploy-stop";

/**
 * Deploy / Stop for the top bar. Deploy runs the saved version (a running flow is redeployed
 * by diff); the run's status then arrives over the socket, so the buttons follow the server.
 */
export function RunButtons({ flowId, disabled = false }: { flowId: string; disabled?: boolean }) {
  const status = useRunStatus();
  const { busy, error, deploy, stop } = useDeployStop(flowId);
  const running = status?.state === "running";
  return (
    <span className="inline-flex items-center gap-2">
      {error && (
        <span
          role="alert"
          className="max-w-80 truncate text-xs text-failed"
          title={[error.title, ...error.details].join("\n")}
        >
          {error.title}
        </span>
      )}
      <Button
        variant="primary"
        disabled={disabled || busy !== null || status?.state === "stopping"}
        onClick={deploy}
      >
        {busy === "deploy" ? "Deploying…" : running ? "Redeploy" : "Deploy"}
      </Button>
      {(running || status?.state === "stopping") && (
        <Button variant="danger" disabled={busy !== null || status?.state === "stopping"} onClick={stop}>
          {busy === "stop" || status?.state === "stopping" ? "Stopping…" : "Stop"}
        </Button>
      )}
    </span>
  );
}
