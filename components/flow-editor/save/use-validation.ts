import { useEffect } from "react";
import { validateGraph, type FlowIssue } from "@/lib/flow";
import { nodeTitle } from "../labels";
import { fieldLabel } from "../form/field-labels";
import type { EditorStore } from "../store/create-editor-store";

const CONFIG_PATH = /^nodes\[\d+\]\.config\.(.+)$/;

/** Adds what and where to a schema message: "Rate (events per second): must be above 0". */
function readable(issue: FlowIssue, graph: ReturnType<EditorStore["getState"]>["graph"]): FlowIssue {
  const match = CONFIG_PATH.exec(issue.path);
  if (!match || !issue.nodeId) return issue;
  const node = graph.nodes.find((n) => n.id === issue.nodeId);
  const where = node ? `${nodeTitle(node)}: ` : "";
  return { ...issue, message: `${where}${fieldLabel(match[1].split("."))} ${issue.message}` };
}

/** Re-validates the graph shortly after each change (lib/flow rules) for node badges and the problems list. */
export function useValidation(store: EditorStore) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = () => {
      const { graph, setIssues } = store.getState();
      setIssues(validateGraph(graph).issues.map((i) => readable(i, graph)));
    };
    run();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.graph === prev.graph) return;
      clearTimeout(timer);
      timer = setTimeout(run, s.dragging ? 400 : 120);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}
