/**
 * Scenario benchmark (never part of the tests): the e-commerce example's scenario over one
 * simulated hour at ×5 traffic (target < 10 s), its capacity forecast for payment at ×1, ×2,
 * ×5 (target < 30 s), and memory over 1 h and 4 h of simulated time (it must not grow with
 * simulated time beyond what the flow's retention holds). Each section runs in a fresh Node
 * process. The last line printed is one JSON object with the headline figures.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import example from "@/examples/ecommerce-orders.json";
import type { FlowGraph } from "@/lib/flow";
import type { Scenario } from "@/lib/scenarios";
import { forecastCapacity, runScenario } from "@/server/runtime";

// `--quick`: a sixth of the simulated time, for iterating (figures are then rougher).
const QUICK = process.argv.includes("--quick");
const HOUR = 3_600_000;
const SCALE = QUICK ? 1 / 6 : 1;
const self = fileURLToPath(import.meta.url);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const cpuMs = () => {
  const u = process.cpuUsage();
  return Math.round((u.user + u.system) / 1000);
};

/** The example's own scenario, stretched to `durationMs` with traffic ×5 throughout. */
function atFive(durationMs: number): FlowGraph {
  const graph = structuredClone(example) as FlowGraph;
  const designed = graph.scenarios![0];
  const scenario: Scenario = {
    ...designed,
    id: "bench",
    name: "×5 for the whole run",
    durationMs,
    steps: [{ atMs: 0, action: "multiply-rate", nodeId: "order-service", factor: 5 }],
    expectations: designed.expectations.filter((e) => e.kind !== "lag-recovers"),
  };
  return { ...graph, scenarios: [scenario] };
}

async function section(name: string): Promise<void> {
  const started = performance.now();
  const cpu0 = cpuMs();
  if (name === "hour" || name === "memory-1h" || name === "memory-4h") {
    const hours = name === "memory-4h" ? 4 : 1;
    const run = await runScenario(atFive(hours * HOUR * SCALE), "bench");
    if (!run.ok) throw new Error(run.error.message);
    globalThis.gc?.();
    console.log(
      JSON.stringify({
        wallMs: Math.round(performance.now() - started),
        cpuMs: cpuMs() - cpu0,
        simulatedMs: run.value.simulatedMs,
        published: run.value.totals.published,
        acked: run.value.totals.acked,
        status: run.value.status,
        points: run.value.series.t.length,
        peakRssMb: peakRssMb(),
        heapAfterGcMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      }),
    );
  } else if (name === "forecast") {
    const graph = structuredClone(example) as FlowGraph;
    if (QUICK) graph.scenarios![0].durationMs = 15 * 60_000;
    const result = await forecastCapacity(graph, "black-friday", {
      nodeId: "payment",
      multipliers: [1, 2, 5],
    });
    if (!result.ok) throw new Error(result.error.message);
    console.log(
      JSON.stringify({
        wallMs: Math.round(performance.now() - started),
        cpuMs: cpuMs() - cpu0,
        rows: result.value.rows,
        peakRssMb: peakRssMb(),
      }),
    );
  }
}

/**
 * The memory sections run with a heap of MEMORY_HEAP_MB: left alone, V8 lets its heap grow long
 * before it must collect, so peak RSS would follow simulated time even though what the run keeps
 * (heap after GC) does not. Under a fixed heap, a run that kept more would run out of memory.
 */
const MEMORY_HEAP_MB = 128;

function child(name: string, flags: string[] = []): Record<string, unknown> {
  const out = spawnSync(
    process.execPath,
    ["--expose-gc", ...flags, "--import", "tsx", self, name, ...(QUICK ? ["--quick"] : [])],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (out.status !== 0) throw new Error(`section ${name} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split("\n").at(-1)!);
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (name && !name.startsWith("--")) return section(name);
  console.log(`e-commerce scenario at ×5${QUICK ? " (quick: a sixth of the simulated time)" : ""}`);
  const hour = child("hour");
  console.log(
    `  ${QUICK ? "10 min" : "1 h"} simulated: ${hour.wallMs} ms wall, ${hour.cpuMs} ms CPU, ${hour.published} events published, ${hour.acked} acked, ${hour.points} chart points, peak RSS ${hour.peakRssMb} MB`,
  );
  const forecast = child("forecast");
  const rows = forecast.rows as {
    multiplier: number;
    workers?: number;
    partitions?: number;
    simulations: number;
  }[];
  console.log(`  forecast for payment at ×1, ×2, ×5: ${forecast.wallMs} ms wall, ${forecast.cpuMs} ms CPU`);
  for (const row of rows)
    console.log(
      `    ×${row.multiplier}: ${row.workers === undefined ? "not reachable within 64 workers and partitions" : `${row.workers} workers${row.partitions ? ` on ${row.partitions} partitions` : ""}`} (${row.simulations} simulations)`,
    );
  const heap = [`--max-old-space-size=${MEMORY_HEAP_MB}`];
  const m1 = child("memory-1h", heap);
  const m4 = child("memory-4h", heap);
  console.log(
    `  memory (heap limit ${MEMORY_HEAP_MB} MB): ${QUICK ? "10 min" : "1 h"} → peak RSS ${m1.peakRssMb} MB, heap after GC ${m1.heapAfterGcMb} MB; ${QUICK ? "40 min" : "4 h"} → ${m4.peakRssMb} MB, ${m4.heapAfterGcMb} MB`,
  );
  console.log(
    JSON.stringify({
      bench: "scenario",
      quick: QUICK,
      hourWallMs: hour.wallMs,
      hourCpuMs: hour.cpuMs,
      hourPublished: hour.published,
      forecastWallMs: forecast.wallMs,
      forecastCpuMs: forecast.cpuMs,
      forecastRows: rows.map((r) => ({
        multiplier: r.multiplier,
        workers: r.workers ?? null,
        partitions: r.partitions ?? null,
      })),
      peakRssMb1h: m1.peakRssMb,
      peakRssMb4h: m4.peakRssMb,
      heapAfterGcMb1h: m1.heapAfterGcMb,
      heapAfterGcMb4h: m4.heapAfterGcMb,
    }),
  );
}

void main();
