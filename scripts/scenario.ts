// Runs a flow's scenarios from the command line, for CI: prints each expectation and exits
// non-zero when one fails. Usage (docs/scenarios.md):
//   npm run scenario -- flow.json [--scenario <id or name>] [--seed <n>] [--forecast] [--json]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { readGraph, type FlowGraph } from "@/lib/flow";
import {
  describeExpectation,
  describeOutcome,
  describeStep,
  formatDuration,
  formatSimTime,
  validateScenario,
  type ScenarioResult,
} from "@/lib/scenarios";
import { forecastCapacity, runScenario } from "@/server/runtime";

const USAGE =
  "usage: npm run scenario -- flow.json [--scenario <id or name>] [--seed <n>] [--forecast] [--json]";
const EXIT_FAILED = 1;
const EXIT_UNUSABLE = 2;

function fail(message: string): never {
  console.error(message);
  process.exit(EXIT_UNUSABLE);
}

function load(path: string): FlowGraph {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    fail(`cannot read ${path}: ${(error as Error).message}`);
  }
  // An exported flow is the graph itself; an API flow record holds it under `graph`.
  const raw = json && typeof json === "object" && "graph" in json && !("nodes" in json) ? json.graph : json;
  const read = readGraph(raw);
  if (!read.graph)
    fail(`${path} is not a valid flow:\n${read.issues.map((i) => `  ${i.path}: ${i.message}`).join("\n")}`);
  return read.graph;
}

function print(graph: FlowGraph, result: ScenarioResult): void {
  const scenario = graph.scenarios!.find((s) => s.id === result.scenarioId)!;
  const mark = result.status === "passed" ? "PASS" : "FAIL";
  console.log(
    `\n${mark}  ${scenario.name}  (${formatDuration(result.durationMs)} simulated in ${(result.wallMs / 1000).toFixed(1)} s, seed ${result.seed})`,
  );
  if (scenario.description) console.log(`      ${scenario.description}`);
  for (const marker of result.steps) {
    const step = scenario.steps[marker.index];
    console.log(`      ${formatSimTime(marker.atMs).padStart(8)}  ${describeStep(step, graph)}`);
  }
  for (const e of result.expectations) {
    const text = describeExpectation(scenario.expectations[e.index], graph, scenario.steps.length);
    console.log(`  ${e.passed ? "✓" : "✗"}  ${text}: ${describeOutcome(e)}`);
  }
  const t = result.totals;
  console.log(
    `      published ${t.published}, acked ${t.acked}, failed ${t.failed}, dead-lettered ${t.deadLettered}, dropped ${t.dropped}, lost ${t.lost}`,
  );
  if (result.message) console.log(`      ${result.message}`);
}

/** The arguments; a malformed one exits 2 (unusable), never 1, which CI reads as a failed expectation. */
function args() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        scenario: { type: "string" },
        seed: { type: "string" },
        forecast: { type: "boolean", default: false },
        json: { type: "boolean", default: false },
      },
    });
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const { values, positionals } = args();
  if (positionals.length !== 1) fail(USAGE);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed >= 2 ** 32))
    fail(`--seed must be a whole number from 0 to ${2 ** 32 - 1}`);
  const graph = load(positionals[0]);
  const all = graph.scenarios ?? [];
  const chosen = values.scenario
    ? all.filter((s) => s.id === values.scenario || s.name === values.scenario)
    : all;
  if (chosen.length === 0)
    fail(
      values.scenario
        ? `no scenario '${values.scenario}' in ${positionals[0]}`
        : `${positionals[0]} has no scenarios`,
    );
  const problems = chosen.flatMap((s) => validateScenario(graph, s, all.indexOf(s)));
  if (problems.length > 0)
    fail(`the scenarios have problems:\n${problems.map((p) => `  ${p.path}: ${p.message}`).join("\n")}`);

  let failed = false;
  const output: unknown[] = [];
  for (const scenario of chosen) {
    const run = await runScenario(graph, scenario.id, { seed });
    if (!run.ok) fail(`${scenario.name}: ${run.error.message}`);
    failed ||= run.value.status !== "passed";
    if (values.json) output.push(run.value);
    else print(graph, run.value);
    if (values.forecast && scenario.forecast) {
      const forecast = await forecastCapacity(graph, scenario.id, scenario.forecast, { seed });
      if (!forecast.ok) fail(`${scenario.name} forecast: ${forecast.error.message}`);
      if (values.json) output.push(forecast.value);
      else
        for (const row of forecast.value.rows)
          console.log(
            `      ×${row.multiplier}: ${row.workers === undefined ? "not reachable within 64 workers and partitions" : `${row.workers} workers${row.partitions ? ` on ${row.partitions} partitions` : ""}, margin ${Math.round((row.margin ?? 0) * 100)} %`}`,
          );
    }
  }
  if (values.json) console.log(JSON.stringify(output, null, 2));
  else
    console.log(
      `\n${chosen.length} scenario${chosen.length === 1 ? "" : "s"}: ${failed ? "FAILED" : "all passed"}`,
    );
  process.exit(failed ? EXIT_FAILED : 0);
}

void main();
