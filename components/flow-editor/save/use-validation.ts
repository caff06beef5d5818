import { useEffect } from "react";
import { onlyPlacesDiffer, validateGraph, type FlowGraph, type FlowIssue } from "@/lib/flow";
import {
  hasTopicSchema,
  loadTopicSchemaChecker,
  topicSchemaCheckerLoaded,
} from "@/lib/schemas/topic-schema-check";
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

/**
 * Re-validates the graph shortly after each change (lib/flow rules) for node badges and the
 * problems list. The topic schema checker is fetched the first time a topic has a schema, and
 * the graph is checked once it is here (never listed as fine in between). Moves alone need no
 * new check: on a 500-node flow a check takes 20–45 ms, which others' drags would otherwise
 * cost a watching browser again and again.
 */
export function useValidation(store: EditorStore) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    // Offline before it was ever needed: the graph is checked without it (the server still is).
    let checkerMissing = false;
    let checked: FlowGraph | null = null;
    const run = () => {
      const { graph, setIssues } = store.getState();
      checked = graph;
      if (!checkerMissing && hasTopicSchema(graph.nodes) && !topicSchemaCheckerLoaded()) {
        const again = () => stopped || run();
        void loadTopicSchemaChecker().then(again, () => ((checkerMissing = true), again()));
        return;
      }
      setIssues(validateGraph(graph).issues.map((i) => readable(i, graph)));
    };
    run();
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.graph === prev.graph || (checked && onlyPlacesDiffer(checked, s.graph))) return;
      clearTimeout(timer);
      timer = setTimeout(run, s.dragging ? 400 : 120);
    });
    return () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe();
    };
  }, [store]);
}
