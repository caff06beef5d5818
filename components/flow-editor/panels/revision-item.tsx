import type { RevisionSummary } from "@/lib/api/flows";
import type { RunStatus } from "@/lib/realtime/protocol";
import { Button } from "@/components/ui/button";
import { changeLines } from "./change-words";

const BADGE = "rounded-full border px-2 py-0.5 text-[11px] font-medium whitespace-nowrap";

/**
 * One version in the history: its number and name (the one a person gave it, if any), when and
 * by whom, what it changed, whether it is deployed or the current one, and Restore.
 */
export function RevisionItem({
  revision: r,
  current,
  run,
  onRestore,
}: {
  revision: RevisionSummary;
  current: number;
  run: RunStatus | null;
  /** Absent for a view link: it cannot restore. */
  onRestore?: (version: number) => void;
}) {
  const deployed =
    run?.version === r.version ? (run.state === "stopped" ? "Last deployed" : "Deployed") : null;
  return (
    <li aria-label={`Version ${r.version}`} className="flex items-start gap-3 px-3 py-2">
      <span className="tabular w-10 shrink-0 pt-0.5 font-semibold">v{r.version}</span>
      <span className="flex min-w-0 flex-1 flex-col gap-0.5">
        <span className="flex flex-wrap items-center gap-1.5 text-sm">
          {r.label ? <strong className="font-semibold">{r.label}</strong> : <span>{r.name}</span>}
          {deployed && (
            <span
              className={`${BADGE} border-acked/40 bg-acked/10 text-ink`}
              title={deployed === "Deployed" ? "This version is running" : "The version that ran last"}
            >
              {deployed}
            </span>
          )}
          {r.version === current && <span className={`${BADGE} border-line text-ink-muted`}>Current</span>}
        </span>
        <span className="tabular text-xs text-ink-muted">
          {new Date(r.createdAt).toLocaleString()}
          {r.editors.length > 0 && <> · by {r.editors.join(", ")}</>}
          {r.label && <> · {r.name}</>} · {r.nodeCount} nodes, {r.edgeCount} connections
        </span>
        <ul aria-label="What changed" className="text-xs text-ink">
          {changeLines(r).map((text) => (
            <li key={text} className="break-words">
              {text}
            </li>
          ))}
        </ul>
      </span>
      {r.version !== current && onRestore && (
        <Button aria-label={`Restore version ${r.version}`} onClick={() => onRestore(r.version)}>
          Restore
        </Button>
      )}
    </li>
  );
}
