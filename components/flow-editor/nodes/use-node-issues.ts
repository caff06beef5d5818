import { useEditor } from "../store/editor-context";

/**
 * The issues on one node as a single string, so that a new issues array re-renders only the
 * nodes whose own messages changed (a string compares by value).
 */
export function useNodeIssues(nodeId: string): { text: string; severity: "error" | "warning" | null } {
  const text = useEditor((s) =>
    s.issues
      .filter((i) => i.nodeId === nodeId)
      .map((i) => `${i.severity === "error" ? "Error" : "Warning"}: ${i.message}`)
      .join("\n"),
  );
  const severity = text === "" ? null : text.includes("Error:") ? "error" : "warning";
  return { text, severity };
}
