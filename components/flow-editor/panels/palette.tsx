import { useState, type DragEvent } from "react";
import { NARROW_QUERY, useMediaQuery } from "@/components/ui/use-media-query";
import { NODE_KIND_SPECS, NODE_KINDS, type NodeKind } from "@/lib/flow";
import { NODE_DRAG_TYPE, useAddNode } from "../canvas/use-add-node";
import { KindIcon } from "../nodes/kind-icon";

const SHORT_HINT: Record<NodeKind, string> = {
  producer: "Emits events at a rate",
  topic: "A partitioned log of events",
  consumer: "Processes, transforms or replies",
};

/**
 * The left palette: drag a kind onto the canvas, or press it to add one in the middle. Below
 * 1280 px it folds into an "Add" button over the canvas that opens it as an overlay.
 */
export function Palette() {
  const narrow = useMediaQuery(NARROW_QUERY);
  const [open, setOpen] = useState(false);
  if (!narrow) return <PaletteList />;
  return (
    <div className="absolute top-2 left-2 z-20 flex flex-col items-start gap-1">
      <button
        type="button"
        aria-expanded={open}
        aria-controls="palette-overlay"
        onClick={() => setOpen((o) => !o)}
        className="rounded-lg border border-line bg-surface-raised px-3 py-1.5 text-sm font-medium shadow-sm hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-accent"
      >
        {open ? "Close" : "+ Add"}
      </button>
      {open && (
        <div id="palette-overlay" className="rounded-lg border border-line shadow-lg">
          <PaletteList onAdded={() => setOpen(false)} />
        </div>
      )}
    </div>
  );
}

function PaletteList({ onAdded }: { onAdded?: () => void }) {
  const { addAtCentre } = useAddNode();
  const onDragStart = (kind: NodeKind) => (e: DragEvent) => {
    e.dataTransfer.setData(NODE_DRAG_TYPE, kind);
    e.dataTransfer.effectAllowed = "copy";
  };
  return (
    <nav
      aria-label="Palette"
      // A tall inspector drawer leaves the palette little height: it scrolls, never spills over the drawer.
      className={`flex min-h-0 w-44 shrink-0 flex-col gap-1.5 overflow-y-auto bg-surface-raised p-2 ${onAdded ? "rounded-lg" : "border-r border-line"}`}
    >
      <p className="px-1 pb-1 text-xs font-semibold tracking-wide text-ink-muted uppercase">
        Add to the flow
      </p>
      {NODE_KINDS.map((kind) => (
        <button
          key={kind}
          type="button"
          draggable
          onDragStart={onDragStart(kind)}
          onClick={() => (addAtCentre(kind), onAdded?.())}
          aria-label={`Add ${NODE_KIND_SPECS[kind].title}`}
          title={`${NODE_KIND_SPECS[kind].hint}. Drag onto the canvas, or press to add.`}
          className="group flex cursor-grab items-start gap-2 rounded-lg border border-line bg-surface px-2 py-2 text-left hover:border-[color:var(--hue)] hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-accent active:cursor-grabbing"
          style={{ ["--hue" as string]: `var(--color-${kind})` }}
        >
          <span className="mt-0.5">
            <KindIcon kind={kind} size={18} />
          </span>
          <span className="flex flex-col">
            <span className="font-medium text-ink">{NODE_KIND_SPECS[kind].title}</span>
            <span className="text-xs leading-tight text-ink-muted">{SHORT_HINT[kind]}</span>
          </span>
        </button>
      ))}
      <p className={`mt-auto px-1 text-[11px] leading-snug text-ink-muted ${onAdded ? "pt-2" : ""}`}>
        Connect a node’s right handle to another’s left handle. Press{" "}
        <kbd className="rounded border border-line px-1">?</kbd> for shortcuts.
      </p>
    </nav>
  );
}
