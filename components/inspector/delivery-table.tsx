"use client";

import { useCallback, useLayoutEffect, useMemo, useRef } from "react";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useLive } from "@/components/realtime/live-hooks";
import { useLiveRun } from "@/components/realtime/live-context";
import { FilteredView } from "./filtered-view";
import { useInspector } from "./inspector-context";
import { compileFilter, isFilterActive } from "@/lib/events/delivery-filter";
import { DeliveryRowView, PHONE_HIDDEN_COLUMNS, ROW_HEIGHT, TABLE_COLUMNS } from "./delivery-row";

const HEADERS = [
  "Time",
  "Event type",
  "Topic / partition @ offset",
  "Consumer group",
  "Attempt",
  "Outcome",
  "Latency",
];

/**
 * The live delivery table, newest first, virtualised: only the rows in view are in the DOM,
 * and a batch re-renders the table once (per frame) while unchanged rows stay memoised.
 * When the person has scrolled down, arriving rows do not push what they read out of view.
 */
export function DeliveryTable({
  envelopesVersion,
  emptyHint,
}: {
  envelopesVersion: number;
  /** Why a running flow delivers nothing (from its graph), shown instead of "no deliveries yet". */
  emptyHint?: string | null;
}) {
  const { envelopes } = useLiveRun();
  const running = useLive((s) => s.status?.state === "running");
  const ring = useLive((s) => s.rows);
  const rowsVersion = useLive((s) => s.rowsVersion);
  const filter = useInspector((s) => s.filter);
  const selected = useInspector((s) => s.selected);
  const openDelivery = useInspector((s) => s.openDelivery);
  const scrollRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<FilteredView>(null);
  viewRef.current ??= new FilteredView();
  const view = viewRef.current;

  // The ring and the envelope cache are mutated in place; their version counters are what
  // changes, so they are the dependencies that say "recompute" (a fetched payload may now
  // match the free text; new rows arrived).
  const predicate = useMemo(
    () => (isFilterActive(filter) ? compileFilter(filter, envelopes) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [filter, envelopes, envelopesVersion],
  );
  const added = useMemo(() => {
    view.update(ring, predicate);
    return view.added;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [view, ring, predicate, rowsVersion]);

  const virtualizer = useVirtualizer({
    count: view.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    getItemKey: (index) => view.keyAt(index),
    useFlushSync: false,
  });

  useLayoutEffect(() => {
    const scroller = scrollRef.current;
    if (scroller && added > 0 && scroller.scrollTop > 0) scroller.scrollTop += added * ROW_HEIGHT;
  }, [added, rowsVersion]);

  const onOpen = useCallback(openDelivery, [openDelivery]);
  const onMove = useCallback(
    (index: number, delta: number) => {
      const next = Math.max(0, Math.min(view.length - 1, index + delta));
      virtualizer.scrollToIndex(next);
      requestAnimationFrame(() =>
        scrollRef.current?.querySelector<HTMLElement>(`[aria-rowindex="${next + 2}"]`)?.focus(),
      );
    },
    [view, virtualizer],
  );
  const items = virtualizer.getVirtualItems();
  return (
    <div
      role="table"
      aria-label="Deliveries"
      aria-rowcount={view.length + 1}
      className="flex min-h-0 flex-1 flex-col"
    >
      <div role="rowgroup" className="border-b border-line bg-surface-sunken">
        <div
          role="row"
          aria-rowindex={1}
          className={`${TABLE_COLUMNS} py-1 text-xs font-medium text-ink-muted`}
        >
          {HEADERS.map((h, i) => (
            <span
              key={h}
              role="columnheader"
              className={`${h === "Attempt" || h === "Latency" ? "text-right" : ""} ${PHONE_HIDDEN_COLUMNS.has(i) ? "max-sm:hidden" : ""}`}
            >
              {h}
            </span>
          ))}
        </div>
      </div>
      <div
        ref={scrollRef}
        role="rowgroup"
        className="relative min-h-0 flex-1 overflow-auto"
        style={{ contain: "strict" }}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = view.at(item.index);
            if (!row) return null;
            return (
              <DeliveryRowView
                key={item.key}
                row={row}
                index={item.index}
                top={item.start}
                selected={selected?.seq === row.seq && selected.eventId === row.eventId}
                onOpen={onOpen}
                onMove={onMove}
              />
            );
          })}
        </div>
        {view.length === 0 && (
          <p className="absolute inset-0 grid place-items-center px-6 text-center text-sm text-ink-muted">
            {predicate
              ? "No deliveries match these filters."
              : running && emptyHint
                ? `Nothing arrives: ${emptyHint}`
                : running
                  ? "Running: deliveries appear here as they happen."
                  : "No deliveries yet. Deploy the flow and they appear here as they happen."}
          </p>
        )}
      </div>
    </div>
  );
}
