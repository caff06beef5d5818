import { useShallow } from "zustand/react/shallow";
import type { FlowIssue } from "@/lib/flow";
import { useEditor, useEditorApi } from "../store/editor-context";

function IssueText({ issue }: { issue: FlowIssue }) {
  return (
    <>
      <span className={`mr-1 font-semibold ${issue.severity === "error" ? "text-failed" : "text-retry"}`}>
        {issue.severity === "error" ? "Error" : "Warning"}
      </span>{" "}
      {issue.message}
    </>
  );
}

/** Every problem of the flow, errors (which block saving and deploying) apart from warnings; clicking one selects and shows the node or edge it is about. */
export function IssuesList() {
  const issues = useEditor((s) => s.issues);
  if (issues.length === 0) return <p className="text-sm text-acked">✓ No problems found</p>;
  const errors = issues.filter((i) => i.severity === "error");
  const warnings = issues.filter((i) => i.severity !== "error");
  return (
    <div className="flex flex-col gap-2">
      {errors.length > 0 && <IssueGroup label="Problems" issues={errors} />}
      {warnings.length > 0 && (
        <>
          <p className="text-xs text-ink-muted">
            {warnings.length === 1 ? "A warning" : `${warnings.length} warnings`}: the flow deploys, but some
            of it cannot do anything yet.
          </p>
          <IssueGroup label="Warnings" issues={warnings} />
        </>
      )}
    </div>
  );
}

function IssueGroup({ label, issues }: { label: string; issues: FlowIssue[] }) {
  const editor = useEditorApi();
  return (
    <ul aria-label={label} className="flex flex-col gap-1">
      {issues.map((issue, i) => (
        <li key={`${issue.path}-${i}`}>
          {issue.nodeId || issue.edgeId ? (
            <button
              type="button"
              className="w-full rounded-md px-2 py-1 text-left text-sm hover:bg-surface-sunken focus-visible:outline-2 focus-visible:outline-accent"
              onClick={() => editor.getState().focusElement({ nodeId: issue.nodeId, edgeId: issue.edgeId })}
            >
              <IssueText issue={issue} />
            </button>
          ) : (
            <p className="px-2 py-1 text-sm">
              <IssueText issue={issue} />
            </p>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The problems of one node or edge, shown at the top of its properties. */
export function ElementIssues({ nodeId, edgeId }: { nodeId?: string; edgeId?: string }) {
  const issues = useEditor(
    useShallow((s) =>
      s.issues.filter((i) => (nodeId && i.nodeId === nodeId) || (edgeId && i.edgeId === edgeId)),
    ),
  );
  if (issues.length === 0) return null;
  return (
    <ul
      aria-label="Problems here"
      className="flex flex-col gap-1 rounded-md border border-failed/30 bg-failed/5 p-2"
    >
      {issues.map((issue, i) => (
        <li key={i} className="text-xs">
          <IssueText issue={issue} />
        </li>
      ))}
    </ul>
  );
}
