import { NODE_KIND_SPECS, type FlowNode, type ProducerConfig } from "@/lib/flow";
import { Button } from "@/components/ui/button";
import { ConfigForm } from "../form/config-form";
import { setAt } from "../form/describe-schema";
import { FieldRow, INPUT_CLASS } from "../form/field-row";
import { useEditor, useEditorApi } from "../store/editor-context";
import { PayloadTemplateField } from "./payload-template-field";
import { ElementIssues } from "./issues-list";
import { NodeRunControls } from "../live/node-run-controls";
import { TopicIngest } from "../ingest/topic-ingest";
import { TopicBackendField } from "./topic-backend-field";

/** The selected node: label, its kind's config form, its issues, and actions. */
export function NodeProperties({ node }: { node: FlowNode }) {
  const editor = useEditorApi();
  const spec = NODE_KIND_SPECS[node.kind];
  const readOnly = useEditor((s) => s.readOnly);
  const setConfig = (path: string[], value: unknown) =>
    editor
      .getState()
      .updateNode(
        node.id,
        (n) => ({ ...n, config: setAt(n.config, path, value) }) as FlowNode,
        `${node.id}.${path.join(".")}`,
      );
  const setLabel = (label: string) =>
    editor.getState().updateNode(
      node.id,
      (n) => {
        const { label: _old, ...rest } = n;
        return (label === "" ? rest : { ...rest, label }) as FlowNode;
      },
      `${node.id}.label`,
    );
  return (
    <div className="flex flex-col gap-4">
      <p className="text-xs text-ink-muted">{spec.hint}</p>
      <NodeRunControls node={node} />
      <FieldRow
        id={`${node.id}-label`}
        label="Label (optional)"
        help="A name for the card; without one the card shows the node's own name."
      >
        <input
          id={`${node.id}-label`}
          aria-describedby={`${node.id}-label-help`}
          className={INPUT_CLASS}
          value={node.label ?? ""}
          maxLength={200}
          onChange={(e) => setLabel(e.target.value)}
        />
      </FieldRow>
      <ElementIssues nodeId={node.id} />
      <ConfigForm
        key={node.id}
        idPrefix={node.id}
        schema={spec.configSchema}
        config={node.config as Record<string, unknown>}
        onChange={setConfig}
        renderSpecial={(path, message) =>
          node.kind === "topic" && path.join(".") === "backend" ? (
            <TopicBackendField
              id={`${node.id}-backend`}
              value={node.config.backend}
              readOnly={readOnly}
              onChange={(backend) => setConfig(path, backend)}
            />
          ) : node.kind === "producer" && path.join(".") === "payloadTemplate" ? (
            <PayloadTemplateField
              id={`${node.id}-payloadTemplate`}
              config={node.config as ProducerConfig}
              message={message}
              onChange={(t) => setConfig(path, t)}
            />
          ) : undefined
        }
      />
      {!readOnly && node.kind === "topic" && <TopicIngest topic={node.config.name} />}
      {!readOnly && (
        <div className="flex gap-2 border-t border-line pt-3">
          <Button onClick={() => editor.getState().duplicate()}>Duplicate</Button>
          <Button variant="danger" onClick={() => editor.getState().deleteSelection()}>
            Delete
          </Button>
        </div>
      )}
    </div>
  );
}
