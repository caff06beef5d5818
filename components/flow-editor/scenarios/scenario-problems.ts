import type { FlowGraph } from "@/lib/flow";
import { scenarioIssues } from "@/lib/scenarios";
import type { FieldProblem } from "./scenario-edits";

/**
 * The problems that keep scenario `index` from running (missing or wrong nodes, times past
 * the end, a recovery naming a missing step, a repeated name), with paths relative to the
 * scenario: `steps[0].nodeId`, `expectations`.
 */
export function scenarioProblems(graph: FlowGraph, index: number): FieldProblem[] {
  const prefix = `scenarios[${index}]`;
  return scenarioIssues(graph)
    .filter((i) => i.path.startsWith(`${prefix}.`))
    .map((i) => ({ path: i.path.slice(prefix.length + 1), message: i.message }));
}

/** The problems at `path` itself (`steps[0].atMs`) or, with `within`, anywhere under it. */
export function problemsAt(problems: readonly FieldProblem[], path: string, within = false): FieldProblem[] {
  return problems.filter(
    (p) => p.path === path || (within && (p.path.startsWith(`${path}.`) || p.path.startsWith(`${path}[`))),
  );
}

/** "Step 2, time" for `steps[1].atMs`: where a problem is, as a person reads it. */
export function describePath(path: string): string {
  const field: Record<string, string> = {
    atMs: "time",
    nodeId: "node",
    afterStep: "step",
    withinMs: "within",
    fromMs: "from",
    toMs: "to",
    minMs: "minimum",
    maxMs: "maximum",
    durationMs: "duration",
  };
  const m = /^(steps|expectations)\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (!m) return path === "expectations" ? "Expectations" : (field[path] ?? path);
  const what = `${m[1] === "steps" ? "Step" : "Expectation"} ${Number(m[2]) + 1}`;
  return m[3] ? `${what}, ${field[m[3]] ?? m[3]}` : what;
}
