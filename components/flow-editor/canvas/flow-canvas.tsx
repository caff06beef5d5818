"use client";

import { useCallback, useMemo, useRef, useState, type DragEvent } from "react";
import {
  Controls,
  ReactFlow,
  type Connection,
  type EdgeChange,
  type FinalConnectionState,
  type NodeChange,
} from "@xyflow/react";
import { allowedEdgeKinds, type NodeKind } from "@/lib/flow";
import { useEditor, useEditorApi, useEditorPerFrame } from "../store/editor-context";
import { FitButton } from "./fit-button";
import { connectionRefusal } from "../store/graph-ops";
import { NODE_TYPES } from "../nodes/kind-nodes";
import { EDGE_TYPES } from "../edges/flow-edge";
import { ConnectionLine } from "../edges/connection-line";
import { RemotePointers, usePointerSharing } from "../presence/remote-pointers";
import { EdgeKindChooser } from "../edges/edge-kind-chooser";
import { createRfMapper, type FlowRfEdge, type FlowRfNode, type NodeSize } from "./to-react-flow";
import { CANVAS_ID, NODE_DRAG_TYPE, useAddNode } from "./use-add-node";
import { CanvasToolbar } from "./canvas-toolbar";
import { FlowMinimap } from "./flow-minimap";
import {
  CanvasBackground,
  EdgeLabelZoom,
  useDashScaleStyle,
  useFarZoomClass,
  useOverview,
} from "./zoom-detail";
import { useFocusRequests } from "./use-focus-requests";
import { useAutoLayout } from "./use-auto-layout";
import { useSystemColorMode } from "./use-system-color-mode";
import { useEditorShortcuts } from "./use-editor-shortcuts";
import { FIT_OPTIONS, PHONE_FIT_OPTIONS, useFitOnResize } from "./use-fit-on-resize";
import { PHONE_QUERY, useMediaQuery } from "@/components/ui/use-media-query";
import { useFlowTabOrder } from "./use-flow-tab-order";

const NODE_KINDS = new Set<string>(["producer", "topic", "consumer"]);
/** React Flow's own surfaces follow the app's tokens, so light and dark match the panels. */
const CANVAS_THEME = {
  "--xy-background-color": "var(--surface-sunken)",
  "--xy-minimap-background-color": "var(--surface-raised)",
  "--xy-controls-button-background-color": "var(--surface-raised)",
  "--xy-controls-button-background-color-hover": "var(--surface-sunken)",
  "--xy-controls-button-color": "var(--ink)",
  "--xy-controls-button-border-color": "var(--line)",
} as React.CSSProperties;
const MINIMAP_MIN = { width: 720, height: 560 };
// Props React Flow keeps in its store are defined once: a new array or function at each render
// (once a frame while others edit) is written to its store again, and every node and edge checks
// the store at each write.
const SNAP_GRID: [number, number] = [16, 16];
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];
/** What React Flow holds while the overview draws the flow instead. */
const NO_ELEMENTS = { nodes: [] as FlowRfNode[], edges: [] as FlowRfEdge[] };

/** The centre of the designer: React Flow, controlled by the editor store. */
export function FlowCanvas() {
  const editor = useEditorApi();
  const pointers = usePointerSharing();
  const farZoom = useFarZoomClass();
  const Overview = useOverview(farZoom !== undefined);
  const overview = Overview !== null;
  // Other people's edits arrive many a second: the canvas takes them in once per frame (and not
  // at all while the overview draws the flow instead of its cards).
  const graph = useEditorPerFrame((s) => (overview ? null : s.graph));
  const selectedNodeIds = useEditor((s) => s.selectedNodeIds);
  const selectedEdgeIds = useEditor((s) => s.selectedEdgeIds);
  const snapToGrid = useEditor((s) => s.snapToGrid);
  const readOnly = useEditor((s) => s.readOnly);
  const empty = graph?.nodes.length === 0;
  const sizes = useEditor((s) => s.nodeSizes);
  const dashScaleStyle = useDashScaleStyle();
  const mapper = useMemo(createRfMapper, []);
  const { nodes, edges } = useMemo(
    () => (graph ? mapper(graph, selectedNodeIds, selectedEdgeIds, sizes) : NO_ELEMENTS),
    [mapper, graph, selectedNodeIds, selectedEdgeIds, sizes],
  );
  const { addAt } = useAddNode();
  const colorMode = useSystemColorMode();
  // Fit only a flow that opens with nodes: on an empty flow React Flow would fit (and so jump
  // the view) when the first dropped node appears.
  const [fitOnOpen] = useState(() => !empty);
  const lastEdge = useRef<string | null>(null);
  useFocusRequests();
  useEditorShortcuts(useAutoLayout());
  const { size, onMoveStart, markFitted } = useFitOnResize();
  const phone = useMediaQuery(PHONE_QUERY);
  useFlowTabOrder();
  // The minimap only where there is room for it beside the nodes (not over a short canvas while
  // the inspector is open), and only while part of the flow is out of view (FlowMinimap).
  const showMinimap = size !== null && size.width >= MINIMAP_MIN.width && size.height >= MINIMAP_MIN.height;

  const onNodesChange = useCallback(
    (changes: NodeChange<FlowRfNode>[]) => {
      const state = editor.getState();
      const positions = new Map<string, { x: number; y: number }>();
      let dragging = false;
      let measured: Map<string, NodeSize> | null = null;
      for (const change of changes) {
        if (change.type === "position" && change.position) {
          positions.set(change.id, change.position);
          dragging ||= change.dragging === true;
        } else if (change.type === "dimensions" && change.dimensions) {
          measured ??= new Map();
          measured.set(change.id, change.dimensions);
        } else if (change.type === "select") state.toggleSelected("node", change.id, change.selected);
      }
      if (positions.size > 0) state.moveNodes(positions, dragging);
      if (measured) state.addNodeSizes(measured);
    },
    [editor],
  );

  const finishDrag = useCallback(() => editor.getState().finishDrag(), [editor]);
  // Over the overview React Flow holds no nodes to unselect: a click on the empty canvas does it.
  const unselect = useCallback(() => editor.getState().select([], []), [editor]);

  const onEdgesChange = useCallback(
    (changes: EdgeChange<FlowRfEdge>[]) => {
      for (const change of changes)
        if (change.type === "select") editor.getState().toggleSelected("edge", change.id, change.selected);
    },
    [editor],
  );

  const isValidConnection = useCallback(
    (c: Connection | FlowRfEdge) => connectionRefusal(editor.getState().graph, c.source, c.target) === null,
    [editor],
  );
  const onConnect = useCallback(
    (c: Connection) => {
      lastEdge.current = editor.getState().connect(c.source, c.target);
    },
    [editor],
  );
  const onConnectEnd = useCallback(
    (event: MouseEvent | TouchEvent, connection: FinalConnectionState) => {
      const edgeId = lastEdge.current;
      lastEdge.current = null;
      if (!edgeId || connection.fromNode?.type !== "consumer") return;
      const point = "changedTouches" in event ? event.changedTouches[0] : event;
      editor.getState().setPendingEdgeChoice({
        edgeId,
        kinds: allowedEdgeKinds("consumer", "topic"),
        x: point.clientX,
        y: point.clientY,
      });
      editor.getState().select([], [edgeId]);
    },
    [editor],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const kind = e.dataTransfer.getData(NODE_DRAG_TYPE);
      if (!NODE_KINDS.has(kind) || editor.getState().readOnly) return;
      e.preventDefault();
      addAt(kind as NodeKind, { x: e.clientX, y: e.clientY });
    },
    [addAt, editor],
  );

  return (
    <div
      id={CANVAS_ID}
      className="relative h-full w-full"
      aria-label="Canvas"
      role="region"
      style={CANVAS_THEME}
      onPointerMove={pointers.onPointerMove}
      onPointerLeave={pointers.onPointerLeave}
    >
      <EdgeLabelZoom>
        <ReactFlow<FlowRfNode, FlowRfEdge>
          className={farZoom}
          style={dashScaleStyle}
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={onNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStop={finishDrag}
          onSelectionDragStop={finishDrag}
          onPaneClick={overview ? unselect : undefined}
          isValidConnection={isValidConnection}
          onConnect={onConnect}
          onConnectEnd={onConnectEnd}
          connectionLineComponent={ConnectionLine}
          onDragOver={onDragOver}
          onDrop={onDrop}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          deleteKeyCode={null}
          selectionKeyCode="Shift"
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          snapToGrid={snapToGrid}
          snapGrid={SNAP_GRID}
          onlyRenderVisibleElements={nodes.length > 100}
          minZoom={0.05}
          maxZoom={2}
          fitView={fitOnOpen}
          fitViewOptions={phone ? PHONE_FIT_OPTIONS : FIT_OPTIONS}
          onMoveStart={onMoveStart}
          colorMode={colorMode}
          attributionPosition="top-right"
        >
          {Overview && <Overview minimap={showMinimap} />}
          <CanvasBackground />
          <Controls position="bottom-left" showInteractive={false} showFitView={false}>
            <FitButton options={phone ? PHONE_FIT_OPTIONS : FIT_OPTIONS} onFit={markFitted} />
          </Controls>
          {showMinimap && <FlowMinimap />}
          {!readOnly && <CanvasToolbar />}
          <RemotePointers />
        </ReactFlow>
      </EdgeLabelZoom>
      {empty && !readOnly && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center">
          <div className="max-w-xs rounded-xl border border-dashed border-line bg-surface-raised/80 px-6 py-5 text-center text-ink-muted">
            <p className="font-medium text-ink">Drag a Producer here to start</p>
            <p className="mt-1">
              Then add a Topic it publishes to and a Consumer that subscribes. Or press a palette item to add
              it.
            </p>
          </div>
        </div>
      )}
      <EdgeKindChooser />
    </div>
  );
}
