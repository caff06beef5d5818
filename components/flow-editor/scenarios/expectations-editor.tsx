"use client";

import type { FlowGraph } from "@/lib/flow";
import { EXPECTATION_KINDS, type ExpectationKind, type Scenario } from "@/lib/scenarios";
import { Button } from "@/components/ui/button";
import { nodeOptions } from "./node-options";
import { ChoiceField, ParamFields } from "./param-fields";
import {
  expectationNodeOptional,
  newExpectation,
  replaceAt,
  targetsOfExpectation,
  type FieldProblem,
} from "./scenario-edits";
import { EXPECTATION_LABELS, EXPECTATION_PARAMS } from "./scenario-fields";
import { problemsAt } from "./scenario-problems";
import { useScenarioEdit } from "./use-scenario-edit";

const KIND_OPTIONS = EXPECTATION_KINDS.map((k) => ({ value: k, label: EXPECTATION_LABELS[k] }));

/** What must hold for the scenario to pass; each a row of kind, node and bound. */
export function ExpectationsEditor({
  graph,
  scenario,
  problems,
}: {
  graph: FlowGraph;
  scenario: Scenario;
  problems: readonly FieldProblem[];
}) {
  const edit = useScenarioEdit(scenario.id);
  const listProblems = problemsAt(problems, "expectations");
  return (
    <section aria-labelledby={`${scenario.id}-expectations`} className="flex flex-col gap-2">
      <h3 id={`${scenario.id}-expectations`} className="text-sm font-semibold">
        Expectations
      </h3>
      {listProblems.map((p) => (
        <p key={p.message} className="text-xs text-failed">
          {p.message}
        </p>
      ))}
      <ol className="flex flex-col gap-2">
        {scenario.expectations.map((expectation, i) => {
          const at = `expectations[${i}]`;
          const messages = (key: string) => problemsAt(problems, `${at}.${key}`).map((p) => p.message);
          const setExpectation = (next: unknown, key?: string) =>
            edit(
              (s) => ({ ...s, expectations: replaceAt(s.expectations, i, next as never) }),
              key && `${at}.${key}`,
            );
          const optional = expectationNodeOptional(expectation.kind);
          return (
            <li key={i}>
              <fieldset className="grid grid-cols-2 gap-x-2 gap-y-1.5 rounded-lg border border-line p-2 sm:grid-cols-3">
                <legend className="px-1 text-xs font-semibold">Expectation {i + 1}</legend>
                <ChoiceField
                  label="Expect"
                  value={expectation.kind}
                  options={KIND_OPTIONS}
                  className="col-span-2 sm:col-span-3"
                  onChange={(kind) =>
                    setExpectation(
                      newExpectation(graph, scenario, kind as ExpectationKind, expectation.nodeId),
                    )
                  }
                />
                <ChoiceField
                  label={expectation.kind === "retention-kept" ? "Topic" : "Consumer group"}
                  value={expectation.nodeId ?? ""}
                  options={nodeOptions(targetsOfExpectation(graph, expectation.kind), expectation.nodeId, {
                    optional,
                  })}
                  problems={messages("nodeId")}
                  className="col-span-2 sm:col-span-3"
                  onChange={(nodeId) => setExpectation({ ...expectation, nodeId: nodeId || undefined })}
                />
                <ParamFields
                  fields={EXPECTATION_PARAMS[expectation.kind]}
                  item={expectation}
                  stepCount={scenario.steps.length}
                  problemsOf={messages}
                  edit={(key, value) => setExpectation({ ...expectation, [key]: value }, key)}
                />
                <div className="col-span-full flex justify-end">
                  <Button
                    variant="ghost"
                    className="px-2 py-0.5 text-xs"
                    aria-label={`Remove expectation ${i + 1}`}
                    onClick={() =>
                      edit((s) => ({ ...s, expectations: s.expectations.filter((_, j) => j !== i) }))
                    }
                  >
                    Remove
                  </Button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <Button
        className="self-start"
        disabled={scenario.expectations.length >= 30}
        onClick={() =>
          edit((s) => ({ ...s, expectations: [...s.expectations, newExpectation(graph, s, "lag-below")] }))
        }
      >
        Add expectation
      </Button>
    </section>
  );
}
