import type { z } from "zod";
import type { ZControlRequest } from "@/lib/realtime/requests";
import type { FlowRun } from "../runtime";

/** A person's control of a running flow, already validated. */
export type RunControlRequest = z.infer<typeof ZControlRequest>;

/** Applies one control (fire, pause, resume, online/offline, replay) to the run; a replay to offsets answers later. */
export function applyControl(run: FlowRun, request: RunControlRequest) {
  switch (request.action) {
    case "fire":
      return run.fire(request.nodeId, request.count);
    case "pause":
      return run.pauseProducer(request.nodeId);
    case "resume":
      return run.resumeProducer(request.nodeId);
    case "online":
    case "offline":
      return run.setConsumerOnline(request.nodeId, request.action === "online");
    case "replay":
      if (typeof request.from === "string")
        return run.resetGroupOffsets(request.nodeId, { to: request.from });
      if ("offsets" in request.from) return run.resetGroupToOffsets(request.nodeId, request.from.offsets);
      return run.resetGroupOffsets(request.nodeId, request.from);
  }
}
