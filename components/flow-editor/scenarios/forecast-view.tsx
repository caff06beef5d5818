"use client";

import type { FlowGraph } from "@/lib/flow";
import { nodeName, SCENARIO_LIMITS, type Scenario } from "@/lib/scenarios";
import { useEditor } from "../store/editor-context";
import { jobKey } from "../store/scenario-slice";
import { DraftField } from "./draft-field";
import { JobControls } from "./job-controls";
import { nodeOptions } from "./node-options";
import { ChoiceField } from "./param-fields";
import { targetsOfExpectation } from "./scenario-edits";
import { useScenarioEdit } from "./use-scenario-edit";

/** "1, 2, 5" or "×1 ×2 ×5" → [1, 2, 5]; null when something in it is not a number. */
export function parseMultipliers(text: string): number[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((p) => p.replace(/^[×x*]/i, ""))
    .filter((p) => p !== "");
  const values = parts.map(Number);
  return values.length > 0 && values.every((v) => Number.isFinite(v)) ? values : null;
}

const pct = (margin: number) => `${Math.round(margin * 100)} %`;

/**
 * The capacity forecast: for a consumer group and traffic multipliers, the fewest workers (and
 * partitions, when they are the limit) that meet every expectation, with the margin left.
 */
export function ForecastView({
  graph,
  scenario,
  blocked,
}: {
  graph: FlowGraph;
  scenario: Scenario;
  blocked: string | null;
}) {
  const edit = useScenarioEdit(scenario.id);
  const forecast = useEditor((s) => s.jobs[jobKey("forecast", scenario.id)]?.job?.forecast);
  const request = scenario.forecast;
  const groups = targetsOfExpectation(graph, "lag-below");
  const name = (id: string) => {
    const node = graph.nodes.find((n) => n.id === id);
    return node ? nodeName(node) : id;
  };
  return (
    <div className="flex flex-col gap-3">
      <p className="text-xs text-ink-muted">
        Simulates the scenario with the traffic multiplied, searching for the fewest workers of a group that
        meet every expectation.
      </p>
      <div className="grid grid-cols-2 gap-2">
        <ChoiceField
          label="Consumer group"
          value={request?.nodeId ?? ""}
          options={[{ value: "", label: "Choose a group" }, ...nodeOptions(groups, request?.nodeId)]}
          onChange={(nodeId) =>
            edit((s) => ({
              ...s,
              forecast: nodeId ? { nodeId, multipliers: s.forecast?.multipliers ?? [1, 2, 5] } : undefined,
            }))
          }
        />
        <DraftField
          label="Traffic multipliers"
          value={request ? request.multipliers.join(", ") : "1, 2, 5"}
          commit={(text) => {
            const multipliers = parseMultipliers(text);
            if (!multipliers) return "type numbers such as 1, 2, 5";
            if (!request) return "choose a consumer group first";
            return edit((s) => ({ ...s, forecast: { nodeId: request.nodeId, multipliers } }), "multipliers");
          }}
        />
      </div>
      <JobControls
        kind="forecast"
        scenarioId={scenario.id}
        label="Run forecast"
        blocked={!request ? "Choose a consumer group to forecast" : blocked}
      />
      {forecast && (
        <table className="w-full text-sm tabular">
          <caption className="mb-1 text-left text-xs text-ink-muted">
            Workers for &apos;{name(forecast.nodeId)}&apos; (now {forecast.baseWorkers} workers,{" "}
            {forecast.basePartitions} partitions)
          </caption>
          <thead className="text-left text-xs text-ink-muted">
            <tr>
              <th className="py-1 font-medium">Traffic</th>
              <th className="py-1 font-medium">Workers</th>
              <th className="py-1 font-medium">Partitions</th>
              <th className="py-1 font-medium">Margin</th>
              <th className="py-1 font-medium">Runs</th>
            </tr>
          </thead>
          <tbody>
            {forecast.rows.map((row) => (
              <tr key={row.multiplier} className="border-t border-line">
                <td className="py-1">×{row.multiplier}</td>
                <td className="py-1">
                  {row.workers ?? <span className="text-failed">not within 64 workers and partitions</span>}
                </td>
                <td className="py-1">
                  {row.partitions ?? "–"}
                  {row.partitionsLimited && <span className="text-retry"> (raised)</span>}
                </td>
                <td className="py-1">{row.margin === undefined ? "–" : pct(row.margin)}</td>
                <td className="py-1">{row.simulations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="text-xs text-ink-muted">
        At most {SCENARIO_LIMITS.maxMultipliers} multipliers, each up to ×{SCENARIO_LIMITS.maxMultiplier}.
      </p>
    </div>
  );
}
