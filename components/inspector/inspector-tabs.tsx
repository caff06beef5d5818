"use client";

import { useId, type KeyboardEvent } from "react";
import type { InspectorTab } from "./inspector-store";

const TABS: { id: InspectorTab; label: string }[] = [
  { id: "events", label: "Events" },
  { id: "dashboard", label: "Dashboard" },
];

/** The inspector's tabs (WAI-ARIA tabs: arrow keys move between them). */
export function InspectorTabs({
  tab,
  onChange,
  idPrefix,
}: {
  tab: InspectorTab;
  onChange: (tab: InspectorTab) => void;
  idPrefix: string;
}) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const next =
      TABS[
        (TABS.findIndex((t) => t.id === tab) + (e.key === "ArrowRight" ? 1 : TABS.length - 1)) % TABS.length
      ]!;
    onChange(next.id);
    document.getElementById(`${idPrefix}-tab-${next.id}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Inspector views" className="flex gap-1" onKeyDown={onKeyDown}>
      {TABS.map((t) => (
        <button
          key={t.id}
          id={`${idPrefix}-tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={tab === t.id}
          aria-controls={`${idPrefix}-panel-${t.id}`}
          tabIndex={tab === t.id ? 0 : -1}
          onClick={() => onChange(t.id)}
          className={`rounded-md px-2.5 py-1 text-sm font-medium ${tab === t.id ? "bg-surface-sunken text-ink" : "text-ink-muted hover:text-ink"}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export const useTabIds = () => useId().replace(/:/g, "");
