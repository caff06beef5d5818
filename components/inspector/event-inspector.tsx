"use client";

import { lazy, Suspense, useMemo } from "react";
import { useLive } from "@/components/realtime/live-hooks";
import { Button } from "@/components/ui/button";
import { useInspector } from "./inspector-context";
import { InspectorTabs, useTabIds } from "./inspector-tabs";
import { inspectorNodes, type GraphNodeLike } from "./node-names";
import { RunSummary } from "./run-summary";
import { StreamStatus } from "./stream-status";

// The stream, filters, detail and dashboard load when the inspector is first opened: a
// designer whose flow is not running shows only the one-line summary.
const InspectorPanels = lazy(() =>
  import("./inspector-panels").then((m) => ({ default: m.InspectorPanels })),
);

/** True when the inspector shows only its one-line summary (the run is stopped and the person has not opened it). */
export function useInspectorCollapsed(): boolean {
  const stopped = useLive((s) => s.status?.state === "stopped");
  const expanded = useInspector((s) => s.expandedWhileStopped);
  return stopped && !expanded;
}

/**
 * The event inspector: live deliveries (filterable, pausable, virtualised), the detail and
 * causal trace of an opened event, and a metrics dashboard. Fills its container; needs
 * <LiveRunProvider> and <InspectorProvider> above it. Pass the graph's nodes for their names.
 * While the run is stopped it folds to a one-line summary (unless `collapsible` is false).
 */
export function EventInspector({
  nodes: graphNodes,
  emptyHint,
  collapsible = true,
  className = "",
}: {
  nodes?: readonly GraphNodeLike[];
  /** Why a running flow delivers nothing, when its graph says (lib/flow whyNothingArrives). */
  emptyHint?: string | null;
  collapsible?: boolean;
  className?: string;
}) {
  const ids = useTabIds();
  const metrics = useLive((s) => s.metrics);
  const metricNodeIds = metrics ? Object.keys(metrics.nodes).join() : "";
  // Names change with the graph or the set of nodes, not with each second's metrics: the set's
  // key, not the metrics object, says when to recompute.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const nodes = useMemo(() => inspectorNodes(graphNodes, metrics), [graphNodes, metricNodeIds]);
  const collapsed = useInspectorCollapsed() && collapsible;
  const tab = useInspector((s) => s.tab);
  const setTab = useInspector((s) => s.setTab);
  const setExpanded = useInspector((s) => s.setExpandedWhileStopped);
  const stopped = useLive((s) => s.status?.state === "stopped");
  const controlError = useLive((s) => s.controlError);
  const setControlError = useLive((s) => s.setControlError);

  return (
    <section
      aria-label="Event inspector"
      className={`flex min-h-0 flex-col border-t border-line bg-surface-raised ${collapsed ? "" : "h-full"} ${className}`}
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-1.5">
        <h2 className="text-sm font-semibold whitespace-nowrap">Event inspector</h2>
        {!collapsed && <InspectorTabs tab={tab} onChange={setTab} idPrefix={ids} />}
        <RunSummary />
        <span className="ml-auto" />
        {!collapsed && tab === "events" && <StreamStatus />}
        {stopped && collapsible && (
          <Button
            variant="ghost"
            className="px-2 py-1"
            aria-expanded={!collapsed}
            onClick={() => setExpanded(collapsed)}
          >
            {collapsed ? "Show events" : "Collapse"}
          </Button>
        )}
      </header>
      {controlError && (
        <div role="alert" className="flex items-center gap-2 bg-failed/10 px-3 py-1 text-sm text-failed">
          {controlError}
          <Button variant="ghost" className="ml-auto px-2 py-0.5" onClick={() => setControlError(null)}>
            Dismiss
          </Button>
        </div>
      )}
      {!collapsed && (
        <Suspense fallback={<div className="min-h-0 flex-1" />}>
          <InspectorPanels ids={ids} tab={tab} nodes={nodes} emptyHint={emptyHint} />
        </Suspense>
      )}
    </section>
  );
}
