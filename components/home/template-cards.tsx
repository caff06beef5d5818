"use client";

import { FLOW_TEMPLATES, type FlowTemplate } from "@/lib/templates";
import { GraphThumbnail } from "./graph-thumbnail";

/** "Start from…" cards: an empty flow and the templates, each with a picture of its graph. */
export function TemplateCards({ busy, onPick }: { busy: boolean; onPick: (template: FlowTemplate) => void }) {
  return (
    <ul aria-label="Templates" className="grid w-full grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
      {FLOW_TEMPLATES.map((template) => (
        <li key={template.id}>
          <button
            type="button"
            disabled={busy}
            onClick={() => onPick(template)}
            aria-label={template.id === "empty" ? "Start from an empty flow" : `Start from ${template.name}`}
            className="flex h-full w-full flex-col gap-2 rounded-xl border border-line bg-surface-raised p-3 text-left shadow-xs transition-colors hover:border-accent focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-60"
          >
            <span className="flex h-28 w-full items-center justify-center rounded-lg bg-surface-sunken">
              <GraphThumbnail graph={template.graph} width={220} height={100} />
            </span>
            <span className="font-medium text-ink">
              {template.id === "empty" ? "Empty flow" : template.name}
            </span>
            <span className="text-xs leading-snug text-ink-muted">{template.description}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
