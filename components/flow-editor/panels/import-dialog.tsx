import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { useEditor, useEditorApi } from "../store/editor-context";
import { importedName, parseImport } from "./import-parse";

/** Import from a file or pasted JSON; a bad one is explained and changes nothing. */
export function ImportDialog() {
  const open = useEditor((s) => s.dialog === "import");
  const editor = useEditorApi();
  const [text, setText] = useState("");
  const [problems, setProblems] = useState<string[]>([]);
  const close = () => (editor.getState().openDialog(null), setText(""), setProblems([]));
  const apply = (source: string, fileName?: string) => {
    const parsed = parseImport(source);
    if (!parsed.ok) return setProblems(parsed.problems);
    const state = editor.getState();
    state.commitGraph(parsed.graph);
    const name = importedName(source, fileName);
    if (name) state.rename(name);
    state.select([], []);
    state.focusElement({});
    close();
  };
  return (
    <Dialog open={open} title="Import a flow" onClose={close}>
      <div className="flex flex-col gap-3">
        <p className="text-sm text-ink-muted">
          Replaces the graph on the canvas (undo brings it back). Use a file exported from Eventloom, or paste
          its JSON.
        </p>
        <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
          Flow file
          <input
            type="file"
            accept="application/json,.json"
            className="text-sm text-ink"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) apply(await file.text(), file.name);
              e.target.value = "";
            }}
          />
        </label>
        <label className="flex flex-col gap-1 text-xs font-medium text-ink-muted">
          Or paste flow JSON
          <textarea
            rows={6}
            spellCheck={false}
            value={text}
            onChange={(e) => setText(e.target.value)}
            className="rounded-md border border-line bg-surface p-2 font-mono text-xs text-ink"
          />
        </label>
        {problems.length > 0 && (
          <div
            role="alert"
            className="rounded-md border border-failed/40 bg-failed/5 p-2 text-sm text-failed"
          >
            <p className="font-medium">Nothing was imported:</p>
            <ul className="mt-1 list-disc pl-5 text-xs">
              {problems.slice(0, 8).map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
            {problems.length > 8 && <p className="text-xs">…and {problems.length - 8} more.</p>}
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button onClick={close}>Cancel</Button>
          <Button variant="primary" disabled={text.trim() === ""} onClick={() => apply(text)}>
            Import pasted JSON
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
