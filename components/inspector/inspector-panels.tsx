"use client";

import { lazy, Suspense, useState } from "react";
import { Button } from "@/components/ui/button";
import { PHONE_QUERY, useMediaQuery } from "@/components/ui/use-media-query";
import { useEnvelopesVersion } from "@/components/realtime/use-event-details";
import { DeliveryTable } from "./delivery-table";
import { EventDetail } from "./event-detail";
import { InspectorFilters } from "./inspector-filters";
import { useInspector } from "./inspector-context";
import type { InspectorTab } from "./inspector-store";
import type { InspectorNode } from "./node-names";

// The dashboard's charts (uPlot) load when the tab is first opened.
const MetricsDashboard = lazy(() =>
  import("./metrics-dashboard").then((m) => ({ default: m.MetricsDashboard })),
);

/** The inspector's open body: the events tab (filters, stream, detail) and the dashboard tab. */
export function InspectorPanels({
  ids,
  tab,
  nodes,
  emptyHint,
}: {
  ids: string;
  tab: InspectorTab;
  nodes: readonly InspectorNode[];
  emptyHint?: string | null;
}) {
  const selected = useInspector((s) => s.selected);
  const openDelivery = useInspector((s) => s.openDelivery);
  const closeDelivery = useInspector((s) => s.closeDelivery);
  const envelopesVersion = useEnvelopesVersion();
  const phone = useMediaQuery(PHONE_QUERY);
  const [filtersOpen, setFiltersOpen] = useState(false);
  return (
    <>
      <div
        id={`${ids}-panel-events`}
        role="tabpanel"
        aria-labelledby={`${ids}-tab-events`}
        hidden={tab !== "events"}
        className="min-h-0 flex-1 flex-col data-[on=true]:flex"
        data-on={tab === "events"}
      >
        <div className="border-y border-line px-3 py-1.5">
          {/* On a phone the filters fold behind one button, leaving the sheet to the deliveries. */}
          {phone && (
            <Button
              variant="ghost"
              className="px-2 py-0.5 text-xs"
              aria-expanded={filtersOpen}
              onClick={() => setFiltersOpen((o) => !o)}
            >
              Filters {filtersOpen ? "▴" : "▾"}
            </Button>
          )}
          {(!phone || filtersOpen) && <InspectorFilters nodes={nodes} />}
        </div>
        <div className="relative flex min-h-0 flex-1">
          {tab === "events" && <DeliveryTable envelopesVersion={envelopesVersion} emptyHint={emptyHint} />}
          {selected && (
            <EventDetail
              key={`${selected.seq}-${selected.eventId}`}
              row={selected}
              onOpen={openDelivery}
              onClose={closeDelivery}
            />
          )}
        </div>
      </div>
      <div
        id={`${ids}-panel-dashboard`}
        role="tabpanel"
        aria-labelledby={`${ids}-tab-dashboard`}
        hidden={tab !== "dashboard"}
        className="min-h-0 flex-1 flex-col border-t border-line data-[on=true]:flex"
        data-on={tab === "dashboard"}
      >
        {tab === "dashboard" && (
          <Suspense fallback={<p className="p-3 text-xs text-ink-muted">Loading the dashboard…</p>}>
            <MetricsDashboard nodes={nodes} />
          </Suspense>
        )}
      </div>
    </>
  );
}
