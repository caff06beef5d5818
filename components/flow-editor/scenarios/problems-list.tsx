import type { FieldProblem } from "./scenario-edits";
import { describePath } from "./scenario-problems";

/** Every problem that keeps the scenario from running, each with where it is. */
export function ProblemsList({ problems }: { problems: readonly FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section
      aria-label="Scenario problems"
      className="rounded-lg border border-failed/40 bg-failed/5 px-3 py-2"
    >
      <p className="text-sm font-semibold text-failed">
        {problems.length === 1 ? "1 problem" : `${problems.length} problems`}: the scenario will not run until
        they are fixed
      </p>
      <ul className="mt-1 flex flex-col gap-0.5 text-xs">
        {problems.map((p) => (
          <li key={`${p.path}:${p.message}`}>
            <span className="font-semibold">{describePath(p.path)}</span>{" "}
            <span className="font-mono text-ink-muted">({p.path})</span>: {p.message}
          </li>
        ))}
      </ul>
    </section>
  );
}
