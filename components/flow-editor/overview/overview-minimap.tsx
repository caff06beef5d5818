"use client";

import { useEffect, useMemo, useRef } from "react";
import type { PointerEvent } from "react";
import { Panel, useReactFlow, useStore } from "@xyflow/react";
import type { FlowNode } from "@/lib/flow";
import { useEditor, useEditorPerFrame } from "../store/editor-context";
import { DEFAULT_SIZE, contains, minimapFrame, nodesBounds, viewRect, type Size } from "./geometry";

/** React Flow's own minimap's size, so the two look alike. */
const WIDTH = 200;
const HEIGHT = 150;

type Frame = ReturnType<typeof minimapFrame>;

/** Draws the nodes in their kinds' colours, shades what the canvas does not show, outlines what it does. */
function draw(
  el: HTMLCanvasElement,
  frame: Frame,
  nodes: readonly FlowNode[],
  sizes: ReadonlyMap<string, Size>,
  view: { x: number; y: number; width: number; height: number },
) {
  const ctx = el.getContext("2d");
  if (!ctx) return;
  const ratio = window.devicePixelRatio || 1;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.clearRect(0, 0, WIDTH, HEIGHT);
  const style = getComputedStyle(el);
  const colours = new Map<string, string>();
  for (const node of nodes) {
    let colour = colours.get(node.kind);
    if (!colour) colours.set(node.kind, (colour = style.getPropertyValue(`--color-${node.kind}`).trim()));
    const { width, height } = sizes.get(node.id) ?? DEFAULT_SIZE;
    const at = frame.at(node.position);
    ctx.fillStyle = colour;
    ctx.fillRect(at.x, at.y, Math.max(1, width * frame.scale), Math.max(1, height * frame.scale));
  }
  const corner = frame.at(view);
  const seen = [corner.x, corner.y, view.width * frame.scale, view.height * frame.scale] as const;
  ctx.beginPath();
  ctx.rect(0, 0, WIDTH, HEIGHT);
  ctx.rect(...seen);
  ctx.fillStyle = style.getPropertyValue("--xy-minimap-mask-background-color-default").trim();
  ctx.fill("evenodd");
  ctx.strokeStyle = style.getPropertyValue("--color-accent").trim();
  ctx.lineWidth = 1.5;
  ctx.strokeRect(...seen);
}

/**
 * The minimap over the overview (React Flow's own draws the nodes React Flow holds, and under the
 * overview it holds none): shown while part of the flow is out of view, drawn on a canvas (one
 * cheap redraw a frame while others edit), and a press or drag on it centres the view there.
 */
export function OverviewMinimap() {
  const graph = useEditorPerFrame((s) => s.graph);
  const sizes = useEditor((s) => s.nodeSizes);
  const transform = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const flow = useReactFlow();
  const canvas = useRef<HTMLCanvasElement>(null);
  const bounds = useMemo(() => nodesBounds(graph.nodes, sizes), [graph.nodes, sizes]);
  const view = useMemo(() => viewRect(transform, width, height), [transform, width, height]);
  const frame = useMemo(
    () => (bounds && !contains(view, bounds) ? minimapFrame(bounds, view, WIDTH, HEIGHT) : null),
    [bounds, view],
  );
  useEffect(() => {
    if (frame && canvas.current) draw(canvas.current, frame, graph.nodes, sizes, view);
  }, [frame, graph.nodes, sizes, view]);
  if (!frame) return null;

  const centreAt = (e: PointerEvent<HTMLCanvasElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const at = frame.flowAt({ x: e.clientX - box.left, y: e.clientY - box.top });
    void flow.setCenter(at.x, at.y, { zoom: transform[2] });
  };
  const ratio = typeof window === "undefined" ? 1 : window.devicePixelRatio || 1;
  return (
    <Panel position="bottom-right" className="react-flow__minimap">
      <canvas
        ref={canvas}
        role="img"
        aria-label="Minimap"
        width={WIDTH * ratio}
        height={HEIGHT * ratio}
        style={{ width: WIDTH, height: HEIGHT, display: "block", cursor: "grab", touchAction: "none" }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          centreAt(e);
        }}
        onPointerMove={(e) => {
          if (e.currentTarget.hasPointerCapture(e.pointerId)) centreAt(e);
        }}
      />
    </Panel>
  );
}
