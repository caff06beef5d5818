import { memo } from "react";
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import type { EdgeKind } from "@/lib/flow";
import type { FlowRfEdge } from "../canvas/to-react-flow";
import { edgeColour } from "../labels";
import { useEditorApi } from "../store/editor-context";
import { EdgeTrafficOverlay } from "../live/edge-traffic";
import { useEdgeLabelsShown } from "../canvas/zoom-detail";
import { EDGE_DASH } from "./edge-kinds";

const LABEL: Record<EdgeKind, string> = {
  publishes: "publishes",
  subscribes: "subscribes",
  emits: "emits",
  replies: "↩ replies",
  "dead-letters": "dead-letters",
};

export const FlowEdgeView = memo(function FlowEdgeView(props: EdgeProps<FlowRfEdge>) {
  const {
    id,
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
    selected,
    markerEnd,
    data,
  } = props;
  // Labels are HTML: hidden when zoomed far out, where they would be unreadable and costly.
  const showLabel = useEdgeLabelsShown();
  const editor = useEditorApi();
  const [path, labelX, labelY] = getBezierPath({
    sourceX,
    sourceY,
    targetX,
    targetY,
    sourcePosition,
    targetPosition,
  });
  const edge = data!.edge;
  const filtered = edge.kind === "subscribes" && edge.filter !== undefined;
  const colour = edgeColour(edge.kind);
  // Publishes/subscribes read plainly from their solid lines; a label there (think fan-out to
  // ten consumers) would be noise. Consumer outputs and filtered subscriptions are labelled.
  const labelled =
    showLabel && (filtered || (edge.kind !== "publishes" && edge.kind !== "subscribes") || selected);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        interactionWidth={16}
        style={{
          stroke: colour,
          strokeWidth: selected ? 3 : 2,
          strokeDasharray: EDGE_DASH[edge.kind],
          strokeLinecap: edge.kind === "replies" ? "round" : undefined,
          opacity: edge.kind === "dead-letters" ? 0.85 : 1,
        }}
      />
      <EdgeTrafficOverlay edgeId={id} path={path} colour={colour} />
      {labelled && (
        <EdgeLabelRenderer>
          <div
            className={`nodrag nopan pointer-events-auto absolute rounded-full border px-1.5 py-px text-[10px] font-medium shadow-xs ${
              selected
                ? "border-accent bg-accent text-accent-ink"
                : edge.kind === "dead-letters"
                  ? "border-failed/50 bg-surface-raised text-failed"
                  : "border-line bg-surface-raised text-ink-muted"
            }`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            onClick={() => editor.getState().select([], [id])}
          >
            {LABEL[edge.kind]}
            {filtered && " · filtered"}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
});

export const EDGE_TYPES = { flow: FlowEdgeView };
