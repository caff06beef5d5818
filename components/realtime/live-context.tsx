"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";
import { createLiveStore, type LiveStore } from "./create-live-store";
import { EnvelopeCache } from "./envelope-cache";
import { useFlowChannel, type FlowChannel } from "./use-flow-channel";

export interface LiveRun {
  flowId: string;
  store: LiveStore;
  channel: FlowChannel;
  envelopes: EnvelopeCache;
}

const LiveRunContext = createContext<LiveRun | null>(null);

/**
 * Watches one flow for everything below it: creates its live store once, connects the
 * socket channel, and provides both. Mount it around the designer, keyed by flow id; it never
 * touches the graph.
 */
export function LiveRunProvider({ flowId, children }: { flowId: string; children: ReactNode }) {
  const [owned] = useState(() => ({ store: createLiveStore(flowId), envelopes: new EnvelopeCache() }));
  const channel = useFlowChannel(flowId, owned.store);
  const value = useMemo<LiveRun>(() => ({ flowId, ...owned, channel }), [flowId, owned, channel]);
  return <LiveRunContext.Provider value={value}>{children}</LiveRunContext.Provider>;
}

/** The live run of the surrounding <LiveRunProvider>. */
export function useLiveRun(): LiveRun {
  const run = useContext(LiveRunContext);
  if (!run) throw new Error("live-run hooks must be used inside <LiveRunProvider>");
  return run;
}
