import { NODE_KIND_SPECS, type ConsumerNode, type FlowNode, type ProducerConfig } from "@/lib/flow";
import { freshGroupName, groupShareText, groupSharers } from "../nodes/group-sharing";
import { Button } from "@/components/ui/button";
import { ConfigForm } from "../form/config-form";
import { setAt } from "../form/describe-schema";
import { FieldRow, INPUT_CLASS } from "../form/field-row";
import { useEditor, useEditorApi } from "../store/editor-context";
import { PayloadTemplateField } from "./payload-template-field";
import { ElementIssues } from "./issues-list";
import { NodeRunControls } from "../live/node-run-controls";
import { TopicIngest } from "../ingest/topic-ingest";
import { TopicProduce } from "../live/topic-produce";
import { TopicBackendField } from "./topic-backend-field";

/** Says when a consumer shares its group with others (a pasted copy keeps it), and offers a name of its own. */
function GroupShareNote({ node, onRename }: { node: ConsumerNode; onRename: (group: string) => void }) {
  const sharing = useEditor((s) => groupSharers(s.graph, node));
  const fresh = useEditor((s) => freshGroupName(s.graph, node.config.group));
  const readOnly = useEditor((s) => s.readOnly);
  if (sharing === 0) return null;
  return (
    <div role="note" className="flex flex-col gap-2 rounded-md border border-retry/40 bg-retry/5 p-2 text-xs">
      <p>{groupShareText(node.config.group, sharing)}</p>
      {!readOnly && (
        <Button className="self-start px-2 py-1 text-xs" onClick={() => onRename(fresh)}>
          Use a new group name ({fresh})
        </Button>
      )}
    </div>
  );
}

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
      {node.kind === "consumer" && <GroupShareNote node={node} onRename={(g) => setConfig(["group"], g)} />}
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
              nodeId={node.id}
              config={node.config as ProducerConfig}
              message={message}
              onChange={(t) => setConfig(path, t)}
            />
          ) : undefined
        }
      />
      {!readOnly && node.kind === "topic" && <TopicProduce topicId={node.id} topic={node.config.name} />}
      {!readOnly && node.kind === "topic" && <TopicIngest topic={node.config.name} />}
      {!readOnly && (
        <div className="flex flex-wrap gap-2 border-t border-line pt-3">
          <Button
            title="Connect this node to another (C)"
            onClick={() => editor.getState().openDialog("connect")}
          >
            Connect to…
          </Button>
          <Button onClick={() => editor.getState().duplicate()}>Duplicate</Button>
          <Button variant="danger" onClick={() => editor.getState().deleteSelection()}>
            Delete
          </Button>
        </div>
      )}
    </div>
  );
}
