"use client";

import { memo, useMemo } from "react";
import { ViewportPortal } from "@xyflow/react";
import type { FlowEdge, FlowNode } from "@/lib/flow";
import { edgeAriaLabelOf, edgeColour, nodeAriaLabel } from "../labels";
import { EDGE_DASH } from "../edges/edge-kinds";
import { useEditor, useEditorPerFrame } from "../store/editor-context";
import { issueTexts, severityOf } from "../nodes/use-node-issues";
import { selectionsByNode } from "../presence/remote-pointers";
import { DEFAULT_SIZE, edgePath, type Size } from "./geometry";
import { useOverviewPointer } from "./use-overview-pointer";
import { useOverviewBoxSelect } from "./use-overview-box-select";
import { OverviewMinimap } from "./overview-minimap";
import type { OverviewProps } from "../canvas/zoom-detail";
import "./overview.css";

/**
 * What makes a shape a node or an edge to the pointer handlers (its class and id), to the
 * keyboard (a Tab stop) and to a screen reader: the role and name React Flow gives its own.
 */
const shapeProps = (kind: "node" | "edge", id: string, label: string) => ({
  className: `el-overview-${kind}`,
  "data-id": id,
  role: "group",
  "aria-roledescription": kind,
  tabIndex: 0,
  "aria-label": label,
});

const OverviewEdge = memo(function OverviewEdge(props: {
  edge: FlowEdge;
  from: FlowNode;
  to: FlowNode;
  fromSize: Size | undefined;
  toSize: Size | undefined;
  selected: boolean;
}) {
  const { edge, selected } = props;
  const d = edgePath(props.from, props.fromSize, props.to, props.toSize);
  return (
    <g {...shapeProps("edge", edge.id, edgeAriaLabelOf(edge, props.from, props.to))}>
      <path d={d} className="el-overview-hit" />
      <path
        d={d}
        className="el-overview-line"
        fill="none"
        stroke={edgeColour(edge.kind)}
        strokeWidth={selected ? 3 : 1}
        style={{ strokeDasharray: EDGE_DASH[edge.kind] }}
        strokeLinecap={edge.kind === "replies" ? "round" : undefined}
        vectorEffect="non-scaling-stroke"
      />
    </g>
  );
});

const OverviewNode = memo(function OverviewNode(props: {
  node: FlowNode;
  size: Size | undefined;
  selected: boolean;
  error: boolean;
  /** The colour of someone else who has it selected. */
  otherColour: string | undefined;
}) {
  const { node, selected, otherColour } = props;
  const { width, height } = props.size ?? DEFAULT_SIZE;
  const { x, y } = node.position;
  const hue = `var(--color-${node.kind})`;
  // Placed by x and y, not by a transform: a transform each is a layer each for Chromium to sort
  // out again at every frame that moves one.
  return (
    <g {...shapeProps("node", node.id, nodeAriaLabel(node))}>
      {otherColour && (
        <rect
          x={x - 10}
          y={y - 10}
          width={width + 20}
          height={height + 20}
          rx={14}
          fill="none"
          stroke={otherColour}
          strokeWidth={2}
          vectorEffect="non-scaling-stroke"
        />
      )}
      <rect
        className="el-overview-card"
        x={x}
        y={y}
        width={width}
        height={height}
        rx={8}
        fill={`color-mix(in oklab, ${hue} 18%, var(--surface-raised))`}
        stroke={selected ? "var(--color-accent)" : props.error ? "var(--color-failed)" : hue}
        strokeWidth={selected || props.error ? 3 : 1}
        vectorEffect="non-scaling-stroke"
      />
      <rect x={x} y={y} width={16} height={height} rx={6} fill={hue} />
    </g>
  );
});

/**
 * A big flow zoomed far out, drawn as one light SVG instead of React Flow's cards: each card's
 * text is unreadable there, and hundreds of cards (with their edges and handles) kept a watching
 * browser busy whenever someone moved one. React Flow then holds no nodes (it keeps the view:
 * pan, zoom, controls, the selection box); the cards come back when zoomed in (flow-canvas.tsx).
 * Nodes and edges stay selectable (by pointer and keyboard) and nodes draggable; they carry the
 * roles and names React Flow gives its cards and lines, so they read the same to a screen reader.
 * Where the canvas has room for a minimap (`minimap`), the overview brings its own.
 */
export function FlowOverview({ minimap }: OverviewProps) {
  // Other people's edits arrive many a second: taken in once per frame, as the canvas does.
  const graph = useEditorPerFrame((s) => s.graph);
  const selectedNodes = useEditor((s) => s.selectedNodeIds);
  const selectedEdges = useEditor((s) => s.selectedEdgeIds);
  const sizes = useEditor((s) => s.nodeSizes);
  const issues = useEditor((s) => issueTexts(s.issues));
  const others = useEditor((s) => selectionsByNode(s.people));
  const pointer = useOverviewPointer();
  useOverviewBoxSelect();
  const byId = useMemo(() => new Map(graph.nodes.map((node) => [node.id, node])), [graph.nodes]);
  return (
    <>
      <ViewportPortal>
        <svg
          className="el-overview-layer nopan"
          role="group"
          aria-label="Flow overview"
          onPointerDown={pointer.onPointerDown}
          onPointerMove={pointer.onPointerMove}
          onPointerUp={pointer.onPointerUp}
          onPointerCancel={pointer.onPointerCancel}
          onClick={pointer.onClick}
          onKeyDown={pointer.onKeyDown}
        >
          <g>
            {graph.edges.map((edge) => {
              const from = byId.get(edge.source);
              const to = byId.get(edge.target);
              return from && to ? (
                <OverviewEdge
                  key={edge.id}
                  edge={edge}
                  from={from}
                  to={to}
                  fromSize={sizes.get(from.id)}
                  toSize={sizes.get(to.id)}
                  selected={selectedEdges.has(edge.id)}
                />
              ) : null;
            })}
          </g>
          <g>
            {graph.nodes.map((node) => (
              <OverviewNode
                key={node.id}
                node={node}
                size={sizes.get(node.id)}
                selected={selectedNodes.has(node.id)}
                error={severityOf(issues.get(node.id) ?? "") === "error"}
                otherColour={others.get(node.id)?.split(",")[0].split("|")[1]}
              />
            ))}
          </g>
        </svg>
      </ViewportPortal>
      {minimap && <OverviewMinimap />}
    </>
  );
}
