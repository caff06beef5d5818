import type { FlowIssue } from "@/lib/flow";
import { useEditor } from "../store/editor-context";

/** Per issues list: each node's messages as one string (made once, not by each of 500 nodes). */
const textsOf = new WeakMap<readonly FlowIssue[], Map<string, string>>();

export function issueTexts(issues: readonly FlowIssue[]): Map<string, string> {
  let texts = textsOf.get(issues);
  if (!texts) {
    texts = new Map();
    for (const issue of issues) {
      if (!issue.nodeId) continue;
      const line = `${issue.severity === "error" ? "Error" : "Warning"}: ${issue.message}`;
      const before = texts.get(issue.nodeId);
      texts.set(issue.nodeId, before === undefined ? line : `${before}\n${line}`);
    }
    textsOf.set(issues, texts);
  }
  return texts;
}

/** How bad a node's issues (its issueTexts string) are: an error among them, else warnings only. */
export const severityOf = (text: string): "error" | "warning" | null =>
  text === "" ? null : text.includes("Error:") ? "error" : "warning";

/**
 * The issues on one node as a single string, so that a new issues array re-renders only the
 * nodes whose own messages changed (a string compares by value).
 */
export function useNodeIssues(nodeId: string): { text: string; severity: "error" | "warning" | null } {
  const text = useEditor((s) => issueTexts(s.issues).get(nodeId) ?? "");
  return { text, severity: severityOf(text) };
}
