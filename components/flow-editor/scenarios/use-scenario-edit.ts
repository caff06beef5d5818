import { useMemo } from "react";
import type { Scenario } from "@/lib/scenarios";
import { useEditorApi } from "../store/editor-context";
import { checkScenario, replaceAt } from "./scenario-edits";

/**
 * Edits one scenario (found by id at the moment of the edit, so a co-editor's change to the list
 * never redirects it) through the editor store, like every other flow edit: the change goes into
 * the shared document when the schema accepts it; otherwise the answer is the field's problem.
 */
export function useScenarioEdit(scenarioId: string) {
  const editor = useEditorApi();
  return useMemo(
    () =>
      (change: (scenario: Scenario) => unknown, coalesceKey?: string): string | null => {
        const list = editor.getState().graph.scenarios ?? [];
        const index = list.findIndex((s) => s.id === scenarioId);
        if (index < 0) return "This scenario was removed meanwhile";
        const checked = checkScenario(change(list[index]));
        if (!checked.ok) return checked.problems[0]?.message ?? "not a valid value";
        editor
          .getState()
          .setScenarios(
            replaceAt(list, index, checked.scenario),
            coalesceKey && `${scenarioId}:${coalesceKey}`,
          );
        return null;
      },
    [editor, scenarioId],
  );
}
