"use client";

import { useEffect, useRef, useState, type ChangeEvent } from "react";
import { useShallow } from "zustand/react/shallow";
import { OUTCOME_NAMES, type OutcomeName } from "@/lib/realtime/protocol";
import { useLive } from "@/components/realtime/live-hooks";
import { useLiveRun } from "@/components/realtime/live-context";
import { recordedEventsUrl } from "@/lib/api/client";
import { Button } from "@/components/ui/button";
import { OUTCOME_LABELS } from "./format";
import { useInspector } from "./inspector-context";
import { isFilterActive } from "@/lib/events/delivery-filter";
import type { InspectorNode } from "./node-names";

const KIND_WORD = { producer: "Producer", topic: "Topic", consumer: "Consumer" } as const;
const SELECT = "rounded-md border border-line bg-surface-raised px-2 py-1 text-sm max-w-44";

/** Filters of the delivery table: node, topic, consumer group, outcome and free text. */
export function InspectorFilters({ nodes }: { nodes: readonly InspectorNode[] }) {
  const filter = useInspector((s) => s.filter);
  const { flowId } = useLiveRun();
  const setFilter = useInspector((s) => s.setFilter);
  const clearFilter = useInspector((s) => s.clearFilter);
  const { topics, groups } = useLive(useShallow((s) => ({ topics: s.topics, groups: s.groups })));
  // Typing settles before the 100,000 rows are searched again (a scan takes tens of ms).
  const [text, setText] = useState(filter.text);
  const committed = useRef(filter.text);
  useEffect(() => {
    // Cleared or set elsewhere (not by this box's own commit): show it.
    if (filter.text !== committed.current) setText((committed.current = filter.text));
  }, [filter.text]);
  useEffect(() => {
    if (text === committed.current) return;
    const timer = setTimeout(() => setFilter({ text: (committed.current = text) }), 150);
    return () => clearTimeout(timer);
  }, [text, setFilter]);
  const pick = (key: "nodeId" | "topic" | "group") => (e: ChangeEvent<HTMLSelectElement>) =>
    setFilter({ [key]: e.target.value });
  const withCurrent = (list: string[], current: string) =>
    current && !list.includes(current) ? [...list, current] : list;
  return (
    <div role="group" aria-label="Filters" className="flex flex-wrap items-center gap-2">
      <select
        aria-label="Node"
        className={`${SELECT} max-w-60`}
        title={nodes.find((n) => n.id === filter.nodeId)?.name}
        value={filter.nodeId}
        onChange={pick("nodeId")}
      >
        <option value="">All nodes</option>
        {nodes.map((n) => (
          <option key={n.id} value={n.id}>
            {KIND_WORD[n.kind]} {n.name}
          </option>
        ))}
        {filter.nodeId && !nodes.some((n) => n.id === filter.nodeId) && (
          <option value={filter.nodeId}>{filter.nodeId}</option>
        )}
      </select>
      <select aria-label="Topic" className={SELECT} value={filter.topic} onChange={pick("topic")}>
        <option value="">All topics</option>
        {withCurrent(topics, filter.topic).map((t) => (
          <option key={t} value={t}>
            {t}
          </option>
        ))}
      </select>
      <select aria-label="Consumer group" className={SELECT} value={filter.group} onChange={pick("group")}>
        <option value="">All groups</option>
        {withCurrent(groups, filter.group).map((g) => (
          <option key={g} value={g}>
            {g}
          </option>
        ))}
      </select>
      <select
        aria-label="Outcome"
        className={SELECT}
        value={filter.outcome}
        onChange={(e) => setFilter({ outcome: e.target.value as OutcomeName | "" })}
      >
        <option value="">All outcomes</option>
        {OUTCOME_NAMES.map((o) => (
          <option key={o} value={o}>
            {OUTCOME_LABELS[o]}
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label="Search events"
        placeholder="Search ids, types, reasons, payloads"
        title="Matches event type, event/correlation/causation ids, topic, group, node, reason, and the payloads of events opened so far"
        className="w-72 rounded-md border border-line bg-surface-raised px-2 py-1 text-sm"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {isFilterActive(filter) && (
        <Button variant="ghost" className="px-2 py-1" onClick={clearFilter}>
          Clear filters
        </Button>
      )}
      <a
        href={recordedEventsUrl(flowId, filter)}
        download="events.ndjson"
        title="Every recorded event matching these filters (from the run's whole history, not only the rows shown), one CloudEvent per line"
        className="ml-auto rounded-md px-2 py-1 text-sm text-ink-muted hover:bg-surface-sunken hover:text-ink"
      >
        Export NDJSON
      </a>
    </div>
  );
}
