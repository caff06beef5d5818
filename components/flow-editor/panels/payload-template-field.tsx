import { useMemo, useState } from "react";
import { FAKE_VALUES } from "@/lib/events/fake-values";
import type { ProducerConfig } from "@/lib/flow";
import { Button } from "@/components/ui/button";
import { FIELD_HELP } from "../form/field-labels";
import { FieldHelp, INPUT_CLASS } from "../form/field-row";
import { sampleEvent } from "./sample-event";
import { useSeededFaker } from "./use-seeded-faker";
import { useEditor } from "../store/editor-context";
import { hasTopicSchema } from "@/lib/schemas/topic-schema-check";
import { useTemplateSchemaProblems } from "./use-template-schema";

/** The payload template editor with a live preview of one generated event. */
export function PayloadTemplateField({
  id,
  nodeId,
  config,
  message,
  onChange,
}: {
  id: string;
  /** The producer: its sample is checked against the schemas of the topics it publishes to. */
  nodeId: string;
  config: ProducerConfig;
  message?: string;
  onChange: (text: string) => void;
}) {
  const [seed, setSeed] = useState(1);
  const makeFaker = useSeededFaker();
  const preview = useMemo(
    () => (makeFaker ? sampleEvent(config, seed, makeFaker) : null),
    [config, seed, makeFaker],
  );
  const problem = message ?? (preview && !preview.ok ? preview.message : undefined);
  const graph = useEditor((s) => s.graph);
  const templateSchemaProblems = useTemplateSchemaProblems(hasTopicSchema(graph.nodes));
  const schemaProblems = useMemo(
    () =>
      preview?.ok && templateSchemaProblems ? templateSchemaProblems(graph, nodeId, preview.event.data) : [],
    [graph, nodeId, preview, templateSchemaProblems],
  );
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-ink-muted">
        Payload template
      </label>
      <textarea
        id={id}
        rows={7}
        spellCheck={false}
        wrap="off"
        className={`${INPUT_CLASS} overflow-x-auto font-mono text-xs leading-relaxed whitespace-pre`}
        value={config.payloadTemplate}
        aria-invalid={!!problem}
        aria-describedby={`${id}-help ${id}-placeholders`}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldHelp id={id} text={FIELD_HELP.payloadTemplate} />
      {problem && <p className="text-xs text-failed">{problem}</p>}
      {schemaProblems.map((text) => (
        <p key={text} role="status" className="text-xs text-failed">
          {text}
        </p>
      ))}
      <details id={`${id}-placeholders`} className="text-xs text-ink-muted">
        <summary className="cursor-pointer select-none">
          Placeholders: {"{{name}}"} is filled with fake data per event
        </summary>
        <ul className="mt-1 grid grid-cols-1 gap-0.5">
          {Object.entries(FAKE_VALUES).map(([name, v]) => (
            <li key={name}>
              <code className="text-ink">{`{{${name}}}`}</code> {v.hint}
            </li>
          ))}
        </ul>
      </details>
      <div className="mt-1 flex items-center justify-between">
        <span className="text-xs font-medium text-ink-muted">Preview of a generated event</span>
        <Button variant="ghost" className="px-2 py-0.5 text-xs" onClick={() => setSeed((s) => s + 1)}>
          Another sample
        </Button>
      </div>
      <pre
        aria-label="Preview of a generated event"
        className="max-h-56 overflow-auto rounded-md bg-surface-sunken p-2 font-mono text-[11px] leading-snug text-ink"
      >
        {!preview
          ? "Preparing a preview…"
          : preview.ok
            ? JSON.stringify(preview.event, null, 2)
            : "No preview until the template is fixed."}
      </pre>
    </div>
  );
}
