"use client";

import { formatSimTime, type Scenario } from "@/lib/scenarios";
import { DraftField, FieldShell, INPUT } from "./draft-field";
import { parseSimTime, type FieldProblem } from "./scenario-edits";
import { problemsAt } from "./scenario-problems";
import { useScenarioEdit } from "./use-scenario-edit";
import { useId } from "react";

/** Name, duration, seed and description of a scenario. */
export function ScenarioHeader({
  scenario,
  problems,
}: {
  scenario: Scenario;
  problems: readonly FieldProblem[];
}) {
  const edit = useScenarioEdit(scenario.id);
  const messages = (path: string) => problemsAt(problems, path).map((p) => p.message);
  const descriptionId = useId();
  return (
    <div className="grid grid-cols-2 gap-x-2 gap-y-1.5">
      <DraftField
        label="Name"
        className="col-span-2"
        value={scenario.name}
        problems={messages("name")}
        commit={(name) => edit((s) => ({ ...s, name }), "name")}
      />
      <DraftField
        label="Duration"
        value={formatSimTime(scenario.durationMs)}
        placeholder="m:ss or h:mm:ss"
        problems={messages("durationMs")}
        commit={(text) => {
          const ms = parseSimTime(text);
          return ms === null
            ? "type a duration such as 10:00, 90s or 2h"
            : edit((s) => ({ ...s, durationMs: ms }), "duration");
        }}
      />
      <DraftField
        label="Seed"
        inputMode="numeric"
        value={scenario.seed === undefined ? "" : String(scenario.seed)}
        placeholder="1"
        problems={messages("seed")}
        commit={(text) => {
          if (text.trim() === "") return edit((s) => ({ ...s, seed: undefined }), "seed");
          const seed = Number(text);
          return Number.isInteger(seed) ? edit((s) => ({ ...s, seed }), "seed") : "must be a whole number";
        }}
      />
      <FieldShell
        label="Description"
        htmlFor={descriptionId}
        problems={messages("description")}
        className="col-span-2"
      >
        <textarea
          id={descriptionId}
          rows={2}
          maxLength={1000}
          className={INPUT}
          value={scenario.description ?? ""}
          placeholder="What this scenario tries, and why it should pass or fail"
          onChange={(e) => edit((s) => ({ ...s, description: e.target.value || undefined }), "description")}
        />
      </FieldShell>
    </div>
  );
}
