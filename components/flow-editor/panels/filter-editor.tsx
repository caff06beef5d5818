import { useEffect, useMemo, useState } from "react";
import { ZFilterPattern, matchesPattern, type FilterPattern } from "@/lib/flow";
import { Button } from "@/components/ui/button";
import { INPUT_CLASS } from "../form/field-row";
import { useEditor, useEditorApi } from "../store/editor-context";
import { sampleEventForTopic } from "./sample-event";
import { useSeededFaker } from "./use-seeded-faker";

const EXAMPLE = '{ "data": { "temperature": [{ "numeric": [">", 30] }] } }';

function parsePattern(
  text: string,
): { ok: true; pattern: FilterPattern | undefined } | { ok: false; message: string } {
  if (text.trim() === "") return { ok: true, pattern: undefined };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `The filter is not valid JSON: ${(error as Error).message}` };
  }
  const parsed = ZFilterPattern.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return {
      ok: false,
      message: `Filter ${first.path.length ? `at ${first.path.join(".")} ` : ""}${first.message}`,
    };
  }
  return { ok: true, pattern: parsed.data };
}

/** Edits a subscription's filter pattern and checks it against a sample event from the topic. */
export function FilterEditor({
  edgeId,
  filter,
  topicId,
}: {
  edgeId: string;
  filter: FilterPattern | undefined;
  topicId: string;
}) {
  const editor = useEditorApi();
  const stored = filter ? JSON.stringify(filter, null, 2) : "";
  const [draft, setDraft] = useState(stored);
  const parsed = useMemo(() => parsePattern(draft), [draft]);
  useEffect(() => {
    // Undo/redo changed the stored filter: show it, unless the draft already says the same.
    setDraft((d) => {
      const p = parsePattern(d);
      return p.ok && JSON.stringify(p.pattern ?? null) === JSON.stringify(filter ?? null) ? d : stored;
    });
  }, [filter, stored]);
  const topicSample = useEditor((s) => s.graph);
  const makeFaker = useSeededFaker();
  const initialSample = useMemo(() => {
    const event = makeFaker ? sampleEventForTopic(topicSample, topicId, makeFaker) : null;
    return JSON.stringify(event ?? { type: "example", data: {} }, null, 2);
  }, [topicSample, topicId, makeFaker]);
  const [sample, setSample] = useState<string | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const change = (text: string) => {
    setDraft(text);
    setResult(null);
    const p = parsePattern(text);
    if (p.ok) editor.getState().setEdgeFilter(edgeId, p.pattern, `${edgeId}.filter`);
  };
  const test = () => {
    if (!parsed.ok) return setResult(parsed.message);
    let subject: unknown;
    try {
      subject = JSON.parse(sample ?? initialSample);
    } catch (error) {
      return setResult(`The sample event is not valid JSON: ${(error as Error).message}`);
    }
    if (!parsed.pattern) return setResult("No filter: this consumer receives every event");
    setResult(
      matchesPattern(parsed.pattern, subject)
        ? "Matches: this consumer receives the event"
        : "No match: the event is filtered out for this consumer",
    );
  };
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={`${edgeId}-filter`} className="text-xs font-medium text-ink-muted">
        Filter pattern (JSON, empty = every event)
      </label>
      <p id={`${edgeId}-filter-help`} className="text-[11px] leading-snug text-ink-muted">
        Only events that match the pattern reach this consumer; the others are counted as filtered.
      </p>
      <textarea
        id={`${edgeId}-filter`}
        rows={5}
        spellCheck={false}
        placeholder={EXAMPLE}
        className={`${INPUT_CLASS} field-sizing-content max-h-96 min-h-24 font-mono text-xs`}
        value={draft}
        aria-describedby={`${edgeId}-filter-help`}
        aria-invalid={!parsed.ok}
        onChange={(e) => change(e.target.value)}
      />
      {!parsed.ok && <p className="text-xs text-failed">{parsed.message} — the last valid filter is kept.</p>}
      <p className="text-xs text-ink-muted">
        EventBridge style: exact values, {"{ prefix }"}, {"{ numeric }"}, {"{ exists }"}, {"{ anything-but }"}
        .
      </p>
      <label htmlFor={`${edgeId}-sample`} className="mt-1 text-xs font-medium text-ink-muted">
        Sample event
      </label>
      <textarea
        id={`${edgeId}-sample`}
        rows={6}
        spellCheck={false}
        className={`${INPUT_CLASS} font-mono text-[11px]`}
        value={sample ?? initialSample}
        onChange={(e) => (setSample(e.target.value), setResult(null))}
      />
      <div className="flex items-center gap-2">
        <Button onClick={test}>Test against sample event</Button>
      </div>
      {result && (
        <p
          role="status"
          className={`text-sm ${result.startsWith("Matches") ? "text-acked" : result.startsWith("No match") ? "text-filtered" : "text-ink"}`}
        >
          {result}
        </p>
      )}
    </div>
  );
}
