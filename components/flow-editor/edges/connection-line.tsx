import { getBezierPath, type ConnectionLineComponentProps } from "@xyflow/react";
import type { FlowRfNode } from "../canvas/to-react-flow";
import { connectionRefusal } from "../store/graph-ops";
import { useEditorApi } from "../store/editor-context";

/**
 * The line drawn while connecting. Over a node that may not be connected it turns red and
 * says why, so a refused connection is explained while dragging, not after.
 */
export function ConnectionLine({
  fromX,
  fromY,
  toX,
  toY,
  fromPosition,
  toPosition,
  fromNode,
  toNode,
  connectionStatus,
}: ConnectionLineComponentProps<FlowRfNode>) {
  const editor = useEditorApi();
  const [path] = getBezierPath({
    sourceX: fromX,
    sourceY: fromY,
    sourcePosition: fromPosition,
    targetX: toX,
    targetY: toY,
    targetPosition: toPosition,
  });
  const reason =
    toNode && connectionStatus === "invalid"
      ? (connectionRefusal(editor.getState().graph, fromNode.id, toNode.id) ??
        "This connection is not allowed")
      : null;
  return (
    <g>
      <path
        d={path}
        fill="none"
        strokeWidth={2}
        stroke={reason ? "var(--color-failed)" : "var(--color-accent)"}
        strokeDasharray={reason ? "4 4" : undefined}
      />
      {reason && (
        <foreignObject x={toX + 12} y={toY + 12} width={280} height={60} className="overflow-visible">
          <div
            role="status"
            className="inline-block rounded-md border border-failed/40 bg-surface-raised px-2 py-1 text-xs text-failed shadow"
          >
            {reason}
          </div>
        </foreignObject>
      )}
    </g>
  );
}
