"use client";

import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useState,
  type CSSProperties,
  type ComponentType,
  type ReactNode,
} from "react";
import { Background, BackgroundVariant, useStore } from "@xyflow/react";
import { DASH_SCALE_VAR, dashScale } from "./dash-scale";
import { useEditor } from "../store/editor-context";
import { isLive, useCanvasLive } from "../live/live-layer";

/**
 * Below this zoom the dot grid (16 px apart on the flow) would be dots under 7 px apart on screen:
 * a grey haze rather than a guide, and costly, as every area of the canvas that changes (a node
 * someone else moves) is drawn again with it.
 */
export const GRID_MIN_ZOOM = 0.45;
const gridShows = (s: { transform: [number, number, number] }) => s.transform[2] >= GRID_MIN_ZOOM;

/** Below this zoom nodes are drawn without their text (a 208 px card is under 73 px wide). */
export const DETAIL_MIN_ZOOM = 0.35;
/** The class the canvas carries while zoomed out past DETAIL_MIN_ZOOM (nodes/far-zoom.css). */
export const useFarZoomClass = () =>
  useStore((s) => s.transform[2] < DETAIL_MIN_ZOOM) ? "el-far" : undefined;

/** From this many nodes, a flow zoomed far out is drawn as an overview (overview/flow-overview.tsx). */
export const OVERVIEW_MIN_NODES = 200;

/** What the canvas tells the overview: whether there is room for a minimap. */
export type OverviewProps = { minimap: boolean };
/** The overview's code, once loaded (it loads when a flow is big enough to need it). */
let overviewLoaded: ComponentType<OverviewProps> | null = null;

/**
 * The overview to show instead of the canvas's cards, or null: a big flow, zoomed far out
 * (`far`), and no run live (the cards then carry the live figures, which the overview has no
 * room for). Its code loads as soon as the flow is big, not with every designer; until it is
 * here the cards stay.
 */
export function useOverview(far: boolean): ComponentType<OverviewProps> | null {
  const big = useEditor((s) => s.graph.nodes.length >= OVERVIEW_MIN_NODES);
  const live = useCanvasLive(isLive);
  const [overview, setOverview] = useState(() => overviewLoaded);
  useEffect(() => {
    if (!big || overview) return;
    let wanted = true;
    void import("../overview/flow-overview").then(
      ({ FlowOverview }) => {
        overviewLoaded = FlowOverview;
        if (wanted) setOverview(() => FlowOverview);
      },
      // Not loaded (offline since the page opened): the cards stay, as they were before.
      () => undefined,
    );
    return () => void (wanted = false);
  }, [big, overview]);
  return far && big && !live ? overview : null;
}

/** The canvas's style that scales edge dashes to its zoom (dash-scale.ts). */
export function useDashScaleStyle(): CSSProperties {
  const scale = useStore((s) => dashScale(s.transform[2]));
  return useMemo(() => ({ [DASH_SCALE_VAR]: scale }) as CSSProperties, [scale]);
}

/** The canvas's dot grid, where it helps: hidden when zoomed far out. */
export function CanvasBackground() {
  return useStore(gridShows) ? <Background variant={BackgroundVariant.Dots} gap={16} size={1.2} /> : null;
}

/** Below this zoom edge labels are not drawn (HTML text there would be unreadable and costly). */
export const LABEL_MIN_ZOOM = 0.5;
const LabelsShown = createContext(true);

/**
 * Tells the edges below it whether labels show at this zoom: one subscription to the view for
 * the whole canvas (read per edge, the 600 edges of a big flow each checked it at every change).
 */
export function EdgeLabelZoom({ children }: { children: ReactNode }) {
  const shown = useStore((s) => s.transform[2] >= LABEL_MIN_ZOOM);
  return <LabelsShown.Provider value={shown}>{children}</LabelsShown.Provider>;
}

/** Whether edge labels show at the canvas's zoom (see EdgeLabelZoom). */
export const useEdgeLabelsShown = () => useContext(LabelsShown);
