"use client";

import type { FlowGraph } from "@/lib/flow";
import { formatSimTime, STEP_ACTIONS, type Scenario, type StepAction } from "@/lib/scenarios";
import { Button } from "@/components/ui/button";
import { DraftField } from "./draft-field";
import { nodeOptions } from "./node-options";
import { ChoiceField, ParamFields } from "./param-fields";
import {
  newStep,
  parseSimTime,
  removeStep,
  replaceAt,
  targetsOfStep,
  type FieldProblem,
} from "./scenario-edits";
import { STEP_LABELS, STEP_PARAMS } from "./scenario-fields";
import { problemsAt } from "./scenario-problems";
import { useScenarioEdit } from "./use-scenario-edit";

const ACTION_OPTIONS = STEP_ACTIONS.map((a) => ({ value: a, label: STEP_LABELS[a] }));

/** The scenario's steps, in the order written; each a row of time, action, node and parameters. */
export function StepsEditor({
  graph,
  scenario,
  problems,
}: {
  graph: FlowGraph;
  scenario: Scenario;
  problems: readonly FieldProblem[];
}) {
  const edit = useScenarioEdit(scenario.id);
  const add = () => {
    const last = scenario.steps.at(-1);
    const atMs = Math.min(scenario.durationMs, last ? last.atMs + 60_000 : 60_000);
    edit((s) => ({ ...s, steps: [...s.steps, newStep(graph, "multiply-rate", atMs)] }));
  };
  return (
    <section aria-labelledby={`${scenario.id}-steps`} className="flex flex-col gap-2">
      <h3 id={`${scenario.id}-steps`} className="text-sm font-semibold">
        Steps
      </h3>
      {scenario.steps.length === 0 && (
        <p className="text-xs text-ink-muted">
          No steps yet: the flow runs as designed. Add one to change traffic or take a consumer down.
        </p>
      )}
      <ol className="flex flex-col gap-2">
        {scenario.steps.map((step, i) => {
          const at = `steps[${i}]`;
          const messages = (key: string) => problemsAt(problems, `${at}.${key}`).map((p) => p.message);
          const setStep = (next: unknown, key?: string) =>
            edit((s) => ({ ...s, steps: replaceAt(s.steps, i, next as never) }), key && `${at}.${key}`);
          return (
            <li key={i}>
              <fieldset className="grid grid-cols-2 gap-x-2 gap-y-1.5 rounded-lg border border-line p-2 sm:grid-cols-3">
                <legend className="px-1 text-xs font-semibold">Step {i + 1}</legend>
                <DraftField
                  label="At"
                  value={formatSimTime(step.atMs)}
                  placeholder="m:ss"
                  problems={messages("atMs")}
                  commit={(text) => {
                    const ms = parseSimTime(text);
                    return ms === null
                      ? "type a time such as 2:30, 90s or 5m"
                      : setStep({ ...step, atMs: ms }, "atMs");
                  }}
                />
                <ChoiceField
                  label="Action"
                  value={step.action}
                  options={ACTION_OPTIONS}
                  className="sm:col-span-2"
                  onChange={(action) => setStep(newStep(graph, action as StepAction, step.atMs, step.nodeId))}
                />
                <ChoiceField
                  label="Node"
                  value={step.nodeId}
                  options={nodeOptions(targetsOfStep(graph, step.action), step.nodeId)}
                  problems={messages("nodeId")}
                  className="col-span-2"
                  onChange={(nodeId) => setStep({ ...step, nodeId })}
                />
                <ParamFields
                  fields={STEP_PARAMS[step.action]}
                  item={step}
                  stepCount={scenario.steps.length}
                  problemsOf={messages}
                  edit={(key, value) => setStep({ ...step, [key]: value }, key)}
                />
                <div className="col-span-full flex justify-end">
                  <Button
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    aria-label={`Remove step ${i + 1}`}
                    onClick={() => edit((s) => removeStep(s, i))}
                  >
                    Remove
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button onClick={add} disabled={scenario.steps.length >= 100} className="self-start">
        Add step
      </Button>
    </section>
  );
}
