"use client";

import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import { whyNothingArrives } from "@/lib/flow";
import { EventInspector, useInspectorCollapsed } from "@/components/inspector";
import { useEditor } from "../store/editor-context";
import { InspectorBar } from "./inspector-bar";
import { useCanvasLive, useHasLiveRun } from "./live-layer";

const KEY = "eventloom.inspectorHeight";
const MIN = 140;
const DEFAULT = 300;
const STEP = 24;
/** The drawer never takes more than this share of the window, so the canvas stays usable. */
const maxHeight = () =>
  Math.max(MIN, Math.round((typeof window === "undefined" ? 900 : window.innerHeight) * 0.7));
const clamp = (h: number) => Math.min(maxHeight(), Math.max(MIN, Math.round(h)));

function useDrawerHeight(): [number, (h: number) => void] {
  const [height, setHeight] = useState(DEFAULT);
  useEffect(() => {
    const stored = Number(localStorage.getItem(KEY));
    if (stored > 0) setHeight(clamp(stored));
  }, []);
  const set = useCallback((h: number) => {
    const next = clamp(h);
    setHeight(next);
    try {
      localStorage.setItem(KEY, String(next));
    } catch {
      /* private mode: the height just is not remembered */
    }
  }, []);
  return [height, set];
}

/** The splitter above the drawer: drag it, or focus it and use the arrow keys, Page Up/Down, Home/End. */
function ResizeHandle({ height, onResize }: { height: number; onResize: (h: number) => void }) {
  const drag = useRef<{ y: number; h: number } | null>(null);
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { y: e.clientY, h: height };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(drag.current.h + drag.current.y - e.clientY);
  };
  const onPointerUp = () => void (drag.current = null);
  const onKeyDown = (e: KeyboardEvent) => {
    const to: Record<string, number> = {
      ArrowUp: height + STEP,
      ArrowDown: height - STEP,
      PageUp: height + STEP * 5,
      PageDown: height - STEP * 5,
      Home: MIN,
      End: maxHeight(),
    };
    if (!(e.key in to)) return;
    e.preventDefault();
    onResize(to[e.key]!);
  };
  return (
    <div
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize event inspector"
      aria-valuemin={MIN}
      aria-valuemax={maxHeight()}
      aria-valuenow={height}
      tabIndex={0}
      title="Drag, or use the arrow keys, to resize the event inspector"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
      className="group relative z-10 -mb-1 flex h-2 shrink-0 cursor-row-resize touch-none items-center justify-center focus-visible:outline-none"
    >
      <span
        aria-hidden="true"
        className="h-1 w-10 rounded-full bg-line transition-colors group-hover:bg-ink-muted group-focus-visible:bg-accent"
      />
    </div>
  );
}

function LiveDrawer() {
  const graph = useEditor((s) => s.graph);
  const nodes = graph.nodes;
  const emptyHint = useMemo(() => whyNothingArrives(graph), [graph]);
  const collapsed = useInspectorCollapsed();
  const known = useCanvasLive((s) => s.status !== null);
  const [height, setHeight] = useDrawerHeight();
  if (!known) {
    // Before the first answer from the server: one quiet line, not a flash of an empty table.
    return (
      <section
        aria-label="Event inspector"
        className="flex h-8 shrink-0 items-center gap-2 border-t border-line bg-surface-raised px-3 text-xs text-ink-muted"
      >
        Connecting to the run…
      </section>
    );
  }
  if (collapsed) return <EventInspector nodes={nodes} className="shrink-0" />;
  return (
    <>
      <ResizeHandle height={height} onResize={setHeight} />
      <div className="flex shrink-0 flex-col" style={{ height }}>
        <EventInspector nodes={nodes} emptyHint={emptyHint} />
      </div>
    </>
  );
}

/**
 * The bottom of the designer: the event inspector as a drawer the person can resize (its
 * height is remembered), folded to a one-line summary while the run is stopped. Where no
 * run can exist (a snapshot) it stays the old placeholder line.
 */
export function InspectorDrawer() {
  return useHasLiveRun() ? <LiveDrawer /> : <InspectorBar />;
}
