"use client";

import { useMemo } from "react";
import type { Ack, ControlRequest } from "@/lib/realtime/protocol";
import { useLiveRun } from "./live-context";

export type ReplayFrom = Extract<ControlRequest, { action: "replay" }>["from"];

export interface RunControls {
  /** Publishes `count` events from a producer now. */
  fire: (nodeId: string, count?: number) => Promise<Ack>;
  pause: (nodeId: string) => Promise<Ack>;
  resume: (nodeId: string) => Promise<Ack>;
  /** Takes a consumer offline (its lag grows) or back online (it drains). */
  setOnline: (nodeId: string, online: boolean) => Promise<Ack>;
  /** Rewinds a consumer group to the earliest offset, the latest, or a time. */
  replay: (nodeId: string, from: ReplayFrom) => Promise<Ack>;
}

const VERBS = {
  fire: "fire",
  pause: "pause",
  resume: "resume",
  online: "bring online",
  offline: "take offline",
  replay: "replay",
} as const;

/**
 * Manual controls of the running flow. Each call resolves to the server's Ack; a failure is
 * also put in the live store (`controlError`) so the inspector shows it to the person.
 */
export function useRunControls(): RunControls {
  const { channel, store } = useLiveRun();
  return useMemo(() => {
    const send = async (request: Parameters<typeof channel.control>[0]): Promise<Ack> => {
      const answer = await channel.control(request);
      if (!answer.ok)
        store
          .getState()
          .setControlError(`Could not ${VERBS[request.action]} ${request.nodeId}: ${answer.error}`);
      else store.getState().setControlError(null);
      return answer;
    };
    return {
      fire: (nodeId, count = 1) => send({ action: "fire", nodeId, count }),
      pause: (nodeId) => send({ action: "pause", nodeId }),
      resume: (nodeId) => send({ action: "resume", nodeId }),
      setOnline: (nodeId, online) => send({ action: online ? "online" : "offline", nodeId }),
      replay: (nodeId, from) => send({ action: "replay", nodeId, from }),
    };
  }, [channel, store]);
}
