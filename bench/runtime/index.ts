/**
 * Runtime benchmark (never part of the tests): producer → topic (3 partitions) → 3 consumer
 * groups, `process`, zero processing time; 5,000,000 deliveries with records off and on,
 * publish→ack latency, a 10 M event memory check, and the one-hour simulation figure.
 * Each measurement runs in a fresh Node process (garbage of one must not inflate the next's
 * RSS). The last line printed is one JSON object with the headline figures.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { runSimulationFigure } from "./simulation";
import { runThroughput } from "./throughput";
import { runTransformThroughput } from "./transforms";

// `--quick`: a tenth of the work and one round, for iterating (figures are then rougher).
const QUICK = process.argv.includes("--quick");
const DELIVERIES = QUICK ? 500_000 : 5_000_000;
const MEMORY_EVENTS = QUICK ? 1_000_000 : 10_000_000;
const TRANSFORMS = QUICK ? 20_000 : 100_000;
const ROUNDS = QUICK ? 1 : 2;
const self = fileURLToPath(import.meta.url);
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

/** Child side: run one section and print its figures as JSON. */
async function section(name: string): Promise<void> {
  if (name === "records-off" || name === "records-on") {
    const r = await runThroughput(Math.ceil(DELIVERIES / 3), name === "records-on");
    console.log(JSON.stringify({ ...r, peakRssMb: peakRssMb() }));
  } else if (name === "memory") {
    const r = await runThroughput(MEMORY_EVENTS, true, 100_000);
    console.log(
      JSON.stringify({
        ...r,
        peakRssMb: peakRssMb(),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
      }),
    );
  } else if (name === "transforms-in-process" || name === "transforms-pool") {
    const r = await runTransformThroughput(TRANSFORMS, name === "transforms-pool" ? "pool" : "in-process");
    console.log(JSON.stringify({ ...r, peakRssMb: peakRssMb() }));
  } else if (name === "simulation") {
    console.log(JSON.stringify({ ...(await runSimulationFigure()), peakRssMb: peakRssMb() }));
  }
}

/** Parent side: run a section in a fresh process (optionally with Node flags) and parse its line. */
function child(name: string, nodeFlags: string[] = []): Record<string, number> {
  const out = spawnSync(
    process.execPath,
    [...nodeFlags, "--import", "tsx", self, name, ...(QUICK ? ["--quick"] : [])],
    {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    },
  );
  if (out.status !== 0) throw new Error(`section ${name} failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split("\n").at(-1)!);
}

function main(): void {
  console.log(
    `runtime bench: ${fmt(DELIVERIES)} deliveries, 3 groups, 3 partitions, real-time clock; best of ${ROUNDS} rounds (the machine is shared)`,
  );
  const best: Record<string, Record<string, number>> = {};
  let peak = 0;
  for (const name of ["records-off", "records-on"]) {
    for (let round = 1; round <= ROUNDS; round++) {
      const r = child(name);
      peak = Math.max(peak, r.peakRssMb);
      console.log(
        `  ${name} round ${round}: ${fmt(r.deliveries)} deliveries in ${r.seconds.toFixed(2)} s = ${fmt(r.deliveriesPerSec)}/s; ack p50 ${r.ackP50Ms} ms, p99 ${r.ackP99Ms} ms; peak RSS ${r.peakRssMb} MB`,
      );
      if (!best[name] || r.deliveriesPerSec > best[name].deliveriesPerSec) best[name] = r;
    }
  }
  console.log(
    `memory: ${fmt(MEMORY_EVENTS)} events (${fmt(MEMORY_EVENTS * 3)} deliveries), retention 100,000 per partition, history 100,000, records on (target < 400 MB)`,
  );
  for (const flags of [[], ["--max-old-space-size=256"]]) {
    const m = child("memory", flags);
    console.log(
      `  node ${flags.join(" ") || "(default heap)"}: ${fmt(m.deliveries)} deliveries in ${m.seconds.toFixed(1)} s; peak RSS ${m.peakRssMb} MB, live heap at end ${m.heapUsedMb} MB`,
    );
  }
  console.log(
    `transforms: ${fmt(TRANSFORMS)} events through a JSONata transform consumer (12 partitions, 12 workers), in-process vs the server's process pool`,
  );
  const transformRates: Record<string, number> = {};
  for (const name of ["transforms-in-process", "transforms-pool"]) {
    const t = child(name);
    transformRates[name] = Math.round(t.transformsPerSec);
    console.log(
      `  ${name.replace("transforms-", "")}: ${fmt(t.transforms)} transforms in ${t.seconds.toFixed(2)} s = ${fmt(t.transformsPerSec)}/s; peak RSS ${t.peakRssMb} MB`,
    );
  }
  console.log("simulation: 1 simulated hour, 1,000 events/s, 4 consumer groups (target < 10 s)");
  const sim = child("simulation");
  console.log(
    `  ${fmt(sim.events)} events, ${fmt(sim.deliveries)} deliveries, ${sim.simulatedSeconds} simulated s in ${sim.wallSeconds.toFixed(2)} s wall`,
  );
  console.log(
    JSON.stringify({
      deliveriesPerSecRecordsOff: Math.round(best["records-off"].deliveriesPerSec),
      deliveriesPerSecRecordsOn: Math.round(best["records-on"].deliveriesPerSec),
      ackLatencyP50Ms: best["records-on"].ackP50Ms,
      ackLatencyP99Ms: best["records-on"].ackP99Ms,
      peakRssMb: peak,
      transformsPerSecInProcess: transformRates["transforms-in-process"],
      transformsPerSecPool: transformRates["transforms-pool"],
    }),
  );
}

const sectionName = process.argv[2];
if (sectionName && sectionName !== "--quick") void section(sectionName);
else main();
