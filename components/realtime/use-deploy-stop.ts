"use client";

import { useCallback, useState } from "react";
import { ApiRequestError, deployFlow, stopFlow } from "@/lib/api/client";

/** What went wrong with Deploy or Stop: one line, and the problems the server named. */
export interface RunActionError {
  title: string;
  details: string[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The server's refusal to deploy, said plainly: its message, and the problems it names. */
export function deployErrorText(error: unknown): RunActionError {
  if (!(error instanceof ApiRequestError))
    return {
      title: "Could not deploy: the server did not answer. Check the connection and try again.",
      details: [],
    };
  const details = (error.body.issues ?? [])
    .slice(0, 5)
    .map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = (error.body.issues?.length ?? 0) - details.length;
  if (more > 0) details.push(`…and ${plural(more, "more problem")}`);
  return { title: `Could not deploy: ${error.body.error}`, details };
}

function stopErrorText(error: unknown): RunActionError {
  const reason = error instanceof ApiRequestError ? error.body.error : "the server did not answer; try again";
  return { title: `Could not stop: ${reason}`, details: [] };
}

/**
 * Deploy and Stop of one flow, for every run control. Deploy runs the saved version (a running
 * flow is redeployed by diff); `beforeDeploy` may first make sure there is one, resolving to
 * what stands in the way (shown as the error) or null. The run's new status arrives over the
 * socket, so callers follow the server for running/stopped and use `busy` only while asking.
 */
export function useDeployStop(flowId: string, beforeDeploy?: () => Promise<string | null>) {
  const [busy, setBusy] = useState<"deploy" | "stop" | null>(null);
  const [error, setError] = useState<RunActionError | null>(null);
  const deploy = useCallback(async () => {
    setBusy("deploy");
    setError(null);
    try {
      const blocked = beforeDeploy ? await beforeDeploy() : null;
      if (blocked) setError({ title: blocked, details: [] });
      else await deployFlow(flowId);
    } catch (e) {
      setError(deployErrorText(e));
    } finally {
      setBusy(null);
    }
  }, [flowId, beforeDeploy]);
  const stop = useCallback(async () => {
    setBusy("stop");
    setError(null);
    try {
      await stopFlow(flowId);
    } catch (e) {
      setError(stopErrorText(e));
    } finally {
      setBusy(null);
    }
  }, [flowId]);
  const dismiss = useCallback(() => setError(null), []);
  return { busy, error, deploy, stop, dismiss };
}
