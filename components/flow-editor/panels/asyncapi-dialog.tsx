"use client";

import { useCallback, useState } from "react";
import { importAsyncApi, type AsyncApiImport } from "@/lib/asyncapi";
import type { FlowGraph } from "@/lib/flow";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";

function count(graph: FlowGraph) {
  const of = (kind: string) => graph.nodes.filter((n) => n.kind === kind).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  return `${plural(of("topic"), "topic")}, ${plural(of("producer"), "producer")}, ${plural(of("consumer"), "consumer")}, ${plural(graph.edges.length, "connection")}`;
}

/** What the document became: the flow's size, what could not be mapped, and validation issues. */
function Review({ result }: { result: AsyncApiImport }) {
  const errors = result.issues.filter((i) => i.severity === "error");
  const warnings = result.issues.filter((i) => i.severity === "warning");
  return (
    <div className="flex flex-col gap-3 text-sm">
      {result.graph ? (
        <p>
          <strong>{result.name ?? "The document"}</strong> becomes a flow of {count(result.graph)}.
        </p>
      ) : (
        <p role="alert" className="font-medium text-failed">
          This document cannot become a flow: nothing will be imported.
        </p>
      )}
      {result.unmapped.length > 0 && (
        <section aria-label="Not imported" className="rounded-md border border-retry/40 bg-retry/10 p-2">
          <h3 className="text-xs font-semibold">
            Not imported ({result.unmapped.length}): a flow has no place for these
          </h3>
          <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5 text-xs">
            {result.unmapped.map((u, i) => (
              <li key={`${u.path}-${i}`}>
                <code className="font-mono">{u.path}</code>: {u.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {errors.length + warnings.length > 0 && (
        <section
          aria-label="Validation issues"
          className={`rounded-md border p-2 ${errors.length ? "border-failed/40 bg-failed/5" : "border-line"}`}
        >
          <h3 className="text-xs font-semibold">
            {errors.length > 0 ? `${errors.length} error${errors.length === 1 ? "" : "s"}` : ""}
            {errors.length > 0 && warnings.length > 0 ? ", " : ""}
            {warnings.length > 0 ? `${warnings.length} warning${warnings.length === 1 ? "" : "s"}` : ""}
          </h3>
          <ul className="mt-1 max-h-40 list-disc overflow-y-auto pl-5 text-xs">
            {[...errors, ...warnings].map((issue, i) => (
              <li key={`${issue.path}-${i}`} className={issue.severity === "error" ? "text-failed" : ""}>
                {issue.severity === "error" ? "Error" : "Warning"} at{" "}
                <code className="font-mono">{issue.path || "(flow)"}</code>: {issue.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      {result.graph && result.unmapped.length === 0 && result.issues.length === 0 && (
        <p className="text-xs text-acked">Everything in the document was mapped.</p>
      )}
    </div>
  );
}

/**
 * Import an AsyncAPI 3.0 document (file or pasted YAML/JSON): first a review of what maps and
 * what does not, then one undoable step that replaces the graph.
 */
export function AsyncApiImportDialog() {
  const open = useEditor((s) => s.dialog === "import-asyncapi");
  const editor = useEditorApi();
  const [text, setText] = useState("");
  const [result, setResult] = useState<AsyncApiImport | null>(null);
  const [rename, setRename] = useState(false);
  // A stable ref: focus moves to the review once, when it appears, not on every render.
  const focusOnMount = useCallback((el: HTMLElement | null) => el?.focus(), []);
  const close = () => (editor.getState().openDialog(null), setText(""), setResult(null), setRename(false));
  const read = (source: string) => setResult(importAsyncApi(source));
  const apply = () => {
    if (!result?.graph) return;
    const state = editor.getState();
    // An AsyncAPI document describes the topology only: the flow keeps its scenarios.
    const { scenarios } = state.graph;
    state.commitGraph(scenarios ? { ...result.graph, scenarios } : result.graph);
    if (rename && result.name?.trim()) state.rename(result.name.trim().slice(0, 120));
    state.select([], []);
    state.focusElement({});
    close();
  };
  return (
    <Dialog open={open} title="Import AsyncAPI" onClose={close} wide>
      {result === null ? (
        <div key="input" className="flex flex-col gap-3">
          <p className="text-sm text-ink-muted">
            An AsyncAPI 3.0 document becomes the flow: channels → topics, send operations → producers, receive
            operations → consumers, replies → reply connections. You review what maps before anything changes.
          </p>
          <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
            AsyncAPI file
            <input
              type="file"
              accept=".yaml,.yml,.json,application/yaml,application/json,text/yaml"
              className="text-sm text-ink"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (file) read(await file.text());
                e.target.value = "";
              }}
            />
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
            Or paste the document (YAML or JSON)
            <textarea
              rows={8}
              spellCheck={false}
              value={text}
              onChange={(e) => setText(e.target.value)}
              className="rounded-md border border-line bg-surface p-2 font-mono text-xs text-ink"
            />
          </label>
          <div className="flex justify-end gap-2">
            <Button onClick={close}>Cancel</Button>
            <Button variant="primary" disabled={text.trim() === ""} onClick={() => read(text)}>
              Review
            </Button>
          </div>
        </div>
      ) : (
        // Its own key: the review never inherits the input step's buttons (or their focus).
        <div
          key="review"
          ref={focusOnMount}
          tabIndex={-1}
          aria-label="Review of the import"
          role="group"
          className="flex flex-col gap-3 outline-none"
        >
          <Review result={result} />
          {result.graph && result.name && result.name !== editor.getState().name && (
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={rename} onChange={(e) => setRename(e.target.checked)} />
              Also rename the flow to “{result.name}”
            </label>
          )}
          {result.graph && (
            <p className="text-xs text-ink-muted">Replaces the graph on the canvas; undo brings it back.</p>
          )}
          <div className="flex justify-end gap-2">
            <Button onClick={() => setResult(null)}>Back</Button>
            <Button onClick={close}>Cancel</Button>
            {result.graph && (
              <Button variant="primary" onClick={apply}>
                Replace the graph
              </Button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
