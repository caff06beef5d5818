"use client";

import { useEffect } from "react";
import type { FlowGraph } from "@/lib/flow";
import type { ScenarioRunSummary } from "@/lib/api/scenarios";
import {
  formatDuration,
  formatSimTime,
  type Scenario,
  type ScenarioResult,
  type Verdict,
} from "@/lib/scenarios";
import { useEditor, useEditorApi } from "../store/editor-context";
import { jobKey } from "../store/scenario-slice";
import { chartsOf } from "./chart-data";
import { ExpectationResults } from "./expectation-results";
import { ChoiceField } from "./param-fields";
import { loadRunHistory } from "./scenario-actions";
import { ScenarioChart } from "./scenario-chart";

const when = (iso: string) =>
  new Date(iso).toLocaleString("en", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });

const passCount = (r: ScenarioResult) => r.expectations.filter((e) => e.passed).length;

function runLabel(run: ScenarioRunSummary, i: number) {
  const r = run.result;
  return `${i === 0 ? "Latest" : `${i + 1} runs ago`} · ${when(run.createdAt)} · v${run.flowVersion} · ${r.status} (${passCount(r)}/${r.expectations.length})`;
}

/** The verdict line at the top of a result: passed, failed, cancelled or cut. */
function Verdict({ result }: { result: ScenarioResult }) {
  const total = result.expectations.length;
  const failed = total - passCount(result);
  const text =
    result.status === "passed"
      ? `Passed: all ${total} expectations met`
      : result.status === "failed"
        ? `Failed: ${failed} of ${total} expectation${total === 1 ? "" : "s"} not met`
        : result.status === "cancelled"
          ? `Cancelled at ${formatSimTime(result.simulatedMs)} of ${formatSimTime(result.durationMs)}`
          : `Stopped at ${formatSimTime(result.simulatedMs)}: ${result.message ?? "over the event budget"}`;
  const tone =
    result.status === "passed"
      ? "border-acked/40 bg-acked/10"
      : result.status === "failed"
        ? "border-failed/40 bg-failed/10"
        : "border-retry/40 bg-retry/10";
  return (
    <div role="status" className={`rounded-lg border px-3 py-2 ${tone}`}>
      <p className="text-sm font-semibold">
        <span aria-hidden="true">
          {result.status === "passed" ? "✓ " : result.status === "failed" ? "✗ " : "■ "}
        </span>
        {text}
      </p>
      <p className="text-xs text-ink-muted tabular">
        {formatDuration(result.simulatedMs)} simulated in {formatDuration(result.wallMs)} · seed {result.seed}{" "}
        · {result.totals.published.toLocaleString("en")} published, {result.totals.acked.toLocaleString("en")}{" "}
        acked, {result.totals.deadLettered.toLocaleString("en")} dead-lettered,{" "}
        {result.totals.lost.toLocaleString("en")} lost
      </p>
    </div>
  );
}

/**
 * The results of a scenario: the kept runs (the last five) to choose from, the chosen run's
 * verdict, each expectation passed or failed with how it compares with the run before, and
 * the charts over simulated time with the steps marked.
 */
export function ResultsView({ graph, scenario }: { graph: FlowGraph; scenario: Scenario }) {
  const editor = useEditorApi();
  const history = useEditor((s) => s.runHistory[scenario.id]);
  const viewed = useEditor((s) => s.viewedRun[scenario.id]);
  const job = useEditor((s) => s.jobs[jobKey("run", scenario.id)]?.job);
  useEffect(() => {
    if (history === undefined) void loadRunHistory(editor, scenario.id);
  }, [editor, history, scenario.id]);
  const chosen = history?.find((r) => r.id === viewed) ?? history?.[0];
  // A cancelled run is not kept: it shows until the next run, marked as such.
  const unkept = job?.state === "cancelled" && job.result ? job.result : undefined;
  const result = unkept ?? chosen?.result;
  const verdicts: Verdict[] | undefined = unkept ? undefined : chosen?.verdicts;
  if (history === undefined && !unkept) return <p className="text-sm text-ink-muted">Loading results…</p>;
  if (!result)
    return (
      <p className="text-sm text-ink-muted">
        No runs yet. Press <strong>Run scenario</strong> to simulate it: the results of the last five runs are
        kept here, each compared with the one before.
      </p>
    );
  const firstViolation = result.expectations.find((e) => e.firstViolation)?.firstViolation?.atMs;
  return (
    <div className="flex flex-col gap-3">
      {history && history.length > 0 && !unkept && (
        <ChoiceField
          label="Run"
          value={chosen?.id ?? ""}
          options={history.map((run, i) => ({ value: run.id, label: runLabel(run, i) }))}
          onChange={(id) => editor.getState().viewRun(scenario.id, id)}
        />
      )}
      {unkept && (
        <p className="text-xs text-ink-muted">This run was cancelled, so it is not kept with the scenario.</p>
      )}
      <Verdict result={result} />
      <ExpectationResults graph={graph} scenario={scenario} result={result} verdicts={verdicts} />
      <section aria-label="Charts" className="flex flex-col gap-3">
        {chartsOf(result, graph).map((spec) => (
          <ScenarioChart
            key={spec.title}
            spec={spec}
            t={result.series.t}
            durationMs={result.durationMs}
            steps={result.steps}
            violationAtMs={firstViolation}
          />
        ))}
      </section>
    </div>
  );
}
