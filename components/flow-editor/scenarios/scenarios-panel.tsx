"use client";

import { useMemo } from "react";
import { Button } from "@/components/ui/button";
import { useEditor, useEditorApi } from "../store/editor-context";
import type { ScenarioTab } from "../store/scenario-slice";
import { ExpectationsEditor } from "./expectations-editor";
import { ForecastView } from "./forecast-view";
import { JobControls } from "./job-controls";
import { MomentDialog } from "./moment-dialog";
import { ChoiceField } from "./param-fields";
import { ResultsView } from "./results-view";
import { newScenario } from "./scenario-edits";
import { ScenarioHeader } from "./scenario-header";
import { ProblemsList } from "./problems-list";
import { scenarioProblems } from "./scenario-problems";
import { StepsEditor } from "./steps-editor";
import { Timeline } from "./timeline";

const TABS: { id: ScenarioTab; label: string }[] = [
  { id: "design", label: "Design" },
  { id: "results", label: "Results" },
  { id: "forecast", label: "Forecast" },
];

/** Why the saved scenario cannot be run right now, or null when it can. */
function useBlocked(problemCount: number): string | null {
  const saveStatus = useEditor((s) => s.saveStatus);
  const readOnly = useEditor((s) => s.readOnly);
  if (readOnly) return "Runs are for people who can edit the flow";
  if (problemCount > 0) return `Fix ${problemCount} problem${problemCount === 1 ? "" : "s"} to run it`;
  if (saveStatus !== "saved") return "Runs the saved flow: waiting for the save…";
  return null;
}

/**
 * The designer's Scenarios panel: the flow's scenarios (kept in the flow, so co-editors see
 * every change), one edited at a time with its timeline, steps and expectations; its runs with
 * progress and Cancel; the results of the last runs compared; and the capacity forecast.
 */
export function ScenariosPanel() {
  const editor = useEditorApi();
  const graph = useEditor((s) => s.graph);
  const readOnly = useEditor((s) => s.readOnly);
  const chosenId = useEditor((s) => s.scenarioId);
  const tab = useEditor((s) => s.scenarioTab);
  const scenarios = useMemo(() => graph.scenarios ?? [], [graph.scenarios]);
  const index = Math.max(
    0,
    scenarios.findIndex((s) => s.id === chosenId),
  );
  const scenario = scenarios[index];
  const problems = useMemo(() => (scenario ? scenarioProblems(graph, index) : []), [graph, index, scenario]);
  const blocked = useBlocked(problems.length);
  const add = () => {
    const created = newScenario(scenarios);
    editor.getState().setScenarios([...scenarios, created]);
    editor.getState().chooseScenario(created.id, "design");
  };
  const remove = () => {
    if (!scenario || !window.confirm(`Delete scenario '${scenario.name}'? Its kept results go with it.`))
      return;
    editor.getState().setScenarios(scenarios.filter((s) => s.id !== scenario.id));
    editor.getState().chooseScenario(null);
  };
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-end gap-2">
        {scenarios.length > 0 && (
          <ChoiceField
            label="Scenario"
            className="flex-1"
            value={scenario?.id ?? ""}
            options={scenarios.map((s) => ({ value: s.id, label: s.name }))}
            onChange={(id) => editor.getState().chooseScenario(id)}
          />
        )}
        {!readOnly && (
          <Button onClick={add} disabled={scenarios.length >= 20}>
            New scenario
          </Button>
        )}
      </div>
      {!scenario ? (
        <p className="text-sm text-ink-muted">
          A scenario is a scripted experiment on this flow: traffic ×5, a consumer down for ten minutes,
          poison events. It runs in seconds of simulated time and says which expectations held.
          {readOnly ? "" : " Press New scenario to write one."}
        </p>
      ) : (
        <>
          {scenario.description && tab !== "design" && (
            <p className="text-xs text-ink-muted">{scenario.description}</p>
          )}
          <div role="tablist" aria-label="Scenario views" className="flex gap-1 border-b border-line">
            {TABS.map((t) => (
              <button
                key={t.id}
                type="button"
                role="tab"
                id={`scenario-tab-${t.id}`}
                aria-selected={tab === t.id}
                aria-controls={`scenario-view-${t.id}`}
                onClick={() => editor.getState().setScenarioTab(t.id)}
                className="-mb-px border-b-2 border-transparent px-2.5 py-1 text-sm text-ink-muted aria-selected:border-accent aria-selected:text-ink"
              >
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`scenario-view-${tab}`} aria-labelledby={`scenario-tab-${tab}`}>
            {tab === "design" && (
              <fieldset disabled={readOnly} className="flex flex-col gap-4">
                <ScenarioHeader scenario={scenario} problems={problems} />
                <ProblemsList problems={problems} />
                <Timeline graph={graph} scenario={scenario} />
                <StepsEditor graph={graph} scenario={scenario} problems={problems} />
                <ExpectationsEditor graph={graph} scenario={scenario} problems={problems} />
                {!readOnly && (
                  <Button variant="danger" className="self-start" onClick={remove}>
                    Delete scenario
                  </Button>
                )}
              </fieldset>
            )}
            {tab === "results" && <ResultsView graph={graph} scenario={scenario} />}
            {tab === "forecast" && <ForecastView graph={graph} scenario={scenario} blocked={blocked} />}
          </div>
          {tab !== "forecast" && (
            <div className="sticky -bottom-3 -mx-3 -mb-3 border-t border-line bg-surface-raised px-3 py-2">
              <JobControls kind="run" scenarioId={scenario.id} label="Run scenario" blocked={blocked} />
            </div>
          )}
        </>
      )}
      <MomentDialog />
    </div>
  );
}
