"use client";

import type { FlowGraph } from "@/lib/flow";
import {
  describeExpectation,
  describeOutcome,
  formatSimTime,
  type Scenario,
  type ScenarioResult,
  type Verdict,
} from "@/lib/scenarios";
import { Button } from "@/components/ui/button";
import { useEditorApi } from "../store/editor-context";
import { openMoment } from "./scenario-actions";

const VERDICT: Record<Verdict, { text: string; mark: string; tone: string }> = {
  better: { text: "better than the run before", mark: "▲", tone: "text-acked" },
  worse: { text: "worse than the run before", mark: "▼", tone: "text-failed" },
  same: { text: "same as the run before", mark: "=", tone: "text-ink-muted" },
  new: { text: "new: nothing to compare with", mark: "•", tone: "text-ink-muted" },
};

/**
 * Each expectation of a run, passed or failed, with the moment and value of its first
 * violation, how it compares with the run before, and a way into the deliveries of that moment.
 */
export function ExpectationResults({
  graph,
  scenario,
  result,
  verdicts,
}: {
  graph: FlowGraph;
  scenario: Scenario;
  result: ScenarioResult;
  verdicts?: readonly Verdict[];
}) {
  const editor = useEditorApi();
  const written = (index: number) => scenario.expectations[index];
  return (
    <ul aria-label="Expectations" className="flex flex-col gap-1.5">
      {result.expectations.map((e, i) => {
        const expectation = written(e.index);
        const verdict = verdicts?.[i];
        const title = expectation
          ? describeExpectation(expectation, graph, scenario.steps.length)
          : `expectation ${e.index + 1} (since removed)`;
        return (
          <li
            key={e.index}
            aria-label={`${e.passed ? "Passed" : "Failed"}: ${title}`}
            className="rounded-lg border border-line px-2.5 py-1.5"
          >
            <p className="flex items-start gap-1.5 text-sm">
              <span aria-hidden="true" className={`font-bold ${e.passed ? "text-acked" : "text-failed"}`}>
                {e.passed ? "✓" : "✗"}
              </span>
              <span className="min-w-0 flex-1">{title}</span>
            </p>
            <p className="ml-4 text-xs text-ink-muted tabular">
              <span className={e.passed ? "text-acked" : "text-failed"}>{describeOutcome(e)}</span>
              {verdict && (
                <span className={`ml-2 ${VERDICT[verdict].tone}`}>
                  <span aria-hidden="true">{VERDICT[verdict].mark} </span>
                  {VERDICT[verdict].text}
                </span>
              )}
            </p>
            {e.firstViolation && (
              <Button
                className="mt-1 ml-4 px-2 py-0.5 text-xs"
                onClick={() =>
                  void openMoment(editor, {
                    scenarioId: scenario.id,
                    atMs: e.firstViolation!.atMs,
                    nodeId: e.nodeId,
                    seed: result.seed,
                  })
                }
              >
                Open in the inspector at {formatSimTime(e.firstViolation.atMs)}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
