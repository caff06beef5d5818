/** The browser side of a live run: one provider, hooks for the canvas and the inspector. */
export { LiveRunProvider, useLiveRun, type LiveRun } from "./live-context";
export {
  useLive,
  useNodeLive,
  useEdgeTraffic,
  useRunStatus,
  useConnection,
  type NodeLive,
} from "./live-hooks";
export { useRunControls, type RunControls, type ReplayFrom } from "./use-run-controls";
export { useFlowChannel, type FlowChannel } from "./use-flow-channel";
export { createLiveStore, type LiveStore } from "./create-live-store";
export type { EdgeTraffic } from "./edge-traffic";
export type { LiveState, ConnectionState } from "./live-state";
export type { NodeHistory } from "./metrics-history";
export { useEnvelopesVersion, useEventEnvelope, useEventTrace, type Fetched } from "./use-event-details";
export { RunButtons } from "./run-buttons";
