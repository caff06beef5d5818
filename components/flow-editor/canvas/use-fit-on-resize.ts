import { useCallback, useEffect, useRef, useState } from "react";
import { useFitGraph } from "./use-fit-graph";
import { PHONE_QUERY } from "@/components/ui/use-media-query";
import { CANVAS_ID } from "./use-add-node";

/** A change of the canvas size smaller than this (px) is not worth moving the view for. */
const MIN_CHANGE = 24;
export const FIT_OPTIONS = { maxZoom: 1, padding: 0.15 } as const;
/**
 * On a phone fitting never zooms out below 0.4: further out no card or live figure can be
 * read, so the flow is panned rather than shrunk to specks.
 */
export const PHONE_FIT_OPTIONS = { ...FIT_OPTIONS, minZoom: 0.4 } as const;
const fitOptions = () => (window.matchMedia(PHONE_QUERY).matches ? PHONE_FIT_OPTIONS : FIT_OPTIONS);

/**
 * Keeps a fitted flow fitted when the canvas changes size (the inspector drawer opens on
 * Deploy, a panel opens or closes, the window turns): the view is fitted again unless the
 * person has panned or zoomed it themselves since. Returns the canvas size and the handler
 * React Flow calls when a move starts (a person's move carries an event; ours do not).
 */
export function useFitOnResize() {
  const fit = useFitGraph();
  const fitted = useRef(true);
  const [size, setSize] = useState<{ width: number; height: number } | null>(null);
  useEffect(() => {
    const element = document.getElementById(CANVAS_ID);
    if (!element) return;
    let last = { width: element.clientWidth, height: element.clientHeight };
    setSize(last);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      const now = { width: element.clientWidth, height: element.clientHeight };
      if (Math.abs(now.width - last.width) < MIN_CHANGE && Math.abs(now.height - last.height) < MIN_CHANGE)
        return;
      last = now;
      setSize(now);
      clearTimeout(timer);
      // Let the drawer finish its layout (and React Flow measure) before fitting.
      timer = setTimeout(() => {
        if (fitted.current) fit({ ...fitOptions(), duration: 200 });
      }, 120);
    });
    observer.observe(element);
    return () => {
      clearTimeout(timer);
      observer.disconnect();
    };
  }, [fit]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => {
    if (event) fitted.current = false;
  }, []);
  const markFitted = useCallback(() => void (fitted.current = true), []);
  return { size, onMoveStart, markFitted };
}
