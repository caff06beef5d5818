import { allowedEdgeKinds, type FlowEdge, type FlowNode } from "@/lib/flow";
import { Button } from "@/components/ui/button";
import { nodeAriaLabel } from "../labels";
import { EDGE_KIND_HINTS } from "../edges/edge-kinds";
import { INPUT_CLASS } from "../form/field-row";
import { useEditor, useEditorApi } from "../store/editor-context";
import { FilterEditor } from "./filter-editor";
import { ElementIssues } from "./issues-list";

/** The selected edge: its ends, its kind (a choice only from a consumer), a subscription's filter. */
export function EdgeProperties({ edge }: { edge: FlowEdge }) {
  const editor = useEditorApi();
  const source = useEditor((s) => s.graph.nodes.find((n) => n.id === edge.source)) as FlowNode | undefined;
  const target = useEditor((s) => s.graph.nodes.find((n) => n.id === edge.target)) as FlowNode | undefined;
  const readOnly = useEditor((s) => s.readOnly);
  const kinds = source && target ? allowedEdgeKinds(source.kind, target.kind) : [edge.kind];
  return (
    <div className="flex flex-col gap-4">
      <p className="text-sm">
        From <strong>{source ? nodeAriaLabel(source) : edge.source}</strong> to{" "}
        <strong>{target ? nodeAriaLabel(target) : edge.target}</strong>
      </p>
      <div className="flex flex-col gap-1">
        <label htmlFor={`${edge.id}-kind`} className="text-xs font-medium text-ink-muted">
          Connection kind
        </label>
        <select
          id={`${edge.id}-kind`}
          className={INPUT_CLASS}
          value={edge.kind}
          disabled={kinds.length < 2}
          onChange={(e) => editor.getState().setEdgeKind(edge.id, e.target.value as FlowEdge["kind"])}
        >
          {kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        <p className="text-xs text-ink-muted">{EDGE_KIND_HINTS[edge.kind]}</p>
      </div>
      <ElementIssues edgeId={edge.id} />
      {edge.kind === "subscribes" && (
        <FilterEditor edgeId={edge.id} filter={edge.filter} topicId={edge.source} />
      )}
      {!readOnly && (
        <div className="flex gap-2 border-t border-line pt-3">
          <Button variant="danger" onClick={() => editor.getState().deleteSelection()}>
            Delete
          </Button>
        </div>
      )}
    </div>
  );
}
