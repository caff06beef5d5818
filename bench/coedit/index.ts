// `npm run bench:coedit`: 20 simulated editors (socket clients speaking the designer's own sync
// code) each make 5 changes a second to one 500-node flow for 60 s (--quick: 10 s), with 2
// headless Chromium pages watching it in the designer (--browsers=N: N of them; moves as drags,
// --pattern=scatter: each to another producer; --editors=N and --nodes=N: another team or flow
// size, the same five columns scaled). After an unmeasured warm-up of 10 s (--quick:
// 3 s), with browsers it measures twice, side by side: the browsers sharing every core with the
// server, then on a core of their own as on people's own machines (see placement.ts;
// --placement=shared or =apart: only that one). Prints how long a change takes to reach the
// other editors and to be rendered in the browsers (p50/p99), how busy each page's main thread
// was and how long a task queued in it waited, the CPU of each side for each, the server's
// memory, database writes per minute, the memory of one open 500-node document, and the load
// average.
// `--profile=FILE` writes the first browser's CPU profile over the edits (a .cpuprofile);
// `--trace=FILE` its timeline trace, with Chromium's own rendering work (a .json for DevTools).
// Starts its own server (production build, temp database); last line is one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { bigFlow } from "../canvas/big-flow";
import { freePort, startServer, treeRssBytes, waitForHealth } from "../shared/app-server";
import { bytesPerOpenDoc } from "./doc-memory";
import { openWatchers, type Watchers } from "./browsers";
import { CHANGES_PER_DRAG, joinEditors, type Editors, type MovePattern } from "./editors";
import { measurePhase, phaseJson, phaseLines, type Phase } from "./phase";
import { apartUnavailable, CORES, place, type Placement } from "./placement";

const quick = process.argv.includes("--quick");
const SECONDS = quick ? 10 : 60;
/** Moving before the measured stretches, unmeasured. */
const WARMUP_SECONDS = quick ? 3 : 10;
/** `--name=N` as a whole number within [min, max], or `fallback` when not given. */
function countOption(name: string, fallback: number, min: number, max: number): number {
  const given = new RegExp(`--${name}=(\\d+)`).exec(process.argv.join(" "))?.[1];
  return Math.min(max, Math.max(min, given === undefined ? fallback : Number(given)));
}
/** Simulated editors: 20 (`--editors=N`: 1 to 50). */
const EDITORS = countOption("editors", 20, 1, 50);
/** Nodes of the edited flow: 500 (`--nodes=N`: 10 to 2000, bench/canvas/big-flow.ts scaled). */
const NODES = countOption("nodes", 500, 10, 2000);
/** Watching browsers: 2 (`--browsers=0` leaves them out, to tell their load apart). */
const WATCHERS = countOption("browsers", 2, 0, 4);
const CHANGES_PER_SEC = 5;
/** Moves as drags, or `--pattern=scatter` (see MovePattern). */
const PATTERN: MovePattern = process.argv.includes("--pattern=scatter") ? "scatter" : "drag";
/** `--profile=FILE` writes the first browser's CPU profile over the edits to FILE. */
const PROFILE = process.argv.find((a) => a.startsWith("--profile="))?.slice("--profile=".length);
/** `--trace=FILE` writes the first browser's timeline trace over the edits to FILE. */
const TRACE = process.argv.find((a) => a.startsWith("--trace="))?.slice("--trace=".length);
/** Why the browsers cannot have a core of their own here (null: they can). */
const APART_UNAVAILABLE = apartUnavailable();
/** The placements measured: both with browsers (where the machine allows), or `--placement=…`. */
const PLACEMENTS: Placement[] = (() => {
  const only = /--placement=(shared|apart)/.exec(process.argv.join(" "))?.[1] as Placement | undefined;
  if (only === "apart" && APART_UNAVAILABLE) throw new Error(`--placement=apart: ${APART_UNAVAILABLE}`);
  if (only) return [only];
  return WATCHERS > 0 && !APART_UNAVAILABLE ? ["shared", "apart"] : ["shared"];
})();
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Moved producers stay within the flow's width, so the browsers keep them in view. */
const X_RANGE = 1500;

async function main() {
  buildIfStale();
  const dir = mkdtempSync(join(tmpdir(), "eventloom-bench-coedit-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, join(dir, "bench.db"));
  let editors: Editors | null = null;
  let watchers: Watchers | null = null;
  const loadBefore = loadavg()[0];
  try {
    await waitForHealth(base);
    const graph = bigFlow(NODES);
    const producers = graph.nodes.filter((node) => node.kind === "producer").length;
    const created = await fetch(`${base}/api/flows`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Co-edit bench", graph }),
    });
    const flow = (await created.json()) as { id: string; version: number };
    const rssIdle = treeRssBytes(server.pid!);

    editors = await joinEditors(base, flow.id, EDITORS, producers);
    watchers = await openWatchers(base, flow.id, WATCHERS);
    const rendered = await watchers.rendered();
    const rssJoined = treeRssBytes(server.pid!);
    console.log(
      `${EDITORS} editors + ${WATCHERS} watching browsers joined a ${graph.nodes.length}-node flow` +
        (WATCHERS > 0
          ? ` (the browsers render ${rendered.map((r) => r.length).join(" and ")} of its ${producers} producers)`
          : "") +
        `; ${EDITORS} × ${CHANGES_PER_SEC} changes/s for ${SECONDS} s, moves ` +
        (PATTERN === "drag"
          ? `as drags (${CHANGES_PER_DRAG} moves of one producer, then the next)`
          : "scattered (each to another producer)"),
    );

    const load = { seconds: SECONDS, perSec: CHANGES_PER_SEC, pattern: PATTERN, xRange: X_RANGE };
    // Unmeasured, so that no placement pays for the first seconds (the code's warming up, the
    // first saves) more than another.
    const warmup = await measurePhase("shared", server.pid!, editors, watchers, {
      ...load,
      seconds: WARMUP_SECONDS,
    });
    const phases: Phase[] = [];
    for (const placement of PLACEMENTS) {
      const first = phases.length === 0;
      if (first && PROFILE) await watchers.startProfile();
      if (first && TRACE) await watchers.startTrace(TRACE);
      phases.push(await measurePhase(placement, server.pid!, editors, watchers, load));
      if (first && PROFILE) await watchers.stopProfile(PROFILE);
      if (first && TRACE) await watchers.stopTrace();
    }
    place("shared", server.pid!);
    const loadAfter = loadavg()[0];
    const elapsed = [warmup, ...phases].reduce((sum, phase) => sum + phase.elapsedS, 0);
    const peakRss = Math.max(rssJoined, ...phases.map((phase) => phase.peakRssBytes));
    const epochs = editors.epochs();
    const seq = editors.changes();
    const expected = seq * (EDITORS - 1);

    const stored = (await (await fetch(`${base}/api/flows/${flow.id}`)).json()) as {
      version: number;
      graph: typeof graph;
    };
    const history = (await (await fetch(`${base}/api/flows/${flow.id}/revisions?limit=100`)).json()) as {
      revisions: { version: number }[];
    };
    const saves = stored.version - flow.version;
    const revisions = history.revisions.filter((r) => r.version > flow.version).length;
    const writesPerMin = ((saves + revisions) / elapsed) * 60;
    const converged = editors.converged();
    const savedAsShown = stored.graph.nodes.every(
      (n) => JSON.stringify(n.position) === editors!.positionOf(n.id),
    );

    // The browsers: how long they take to show what the editors hold (at most 60 s more).
    const showsFinal = async () =>
      (await watchers!.positions()).every((page) =>
        Object.entries(page).every(([id, at]) => JSON.stringify(at) === editors!.positionOf(id)),
      );
    const catchUpStarted = performance.now();
    let browsersConverged = await showsFinal();
    while (!browsersConverged && performance.now() - catchUpStarted < 60_000) {
      await sleep(500);
      browsersConverged = await showsFinal();
    }
    const catchUpS = (performance.now() - catchUpStarted) / 1000;
    const browserBusy = await watchers.busySeconds();
    // The target is for a 500-node flow, whatever size the editors moved.
    const memoryGraph = bigFlow();
    const opened = bytesPerOpenDoc(memoryGraph, 10, 0);
    // The most an open document holds between compactions: sampled every 1000 edits.
    const peak = [1000, 2000, 3000, 4000, 5000]
      .map((edits) => ({ edits, ...bytesPerOpenDoc(memoryGraph, 10, edits) }))
      .reduce((most, point) => (point.bytes > most.bytes ? point : most));
    const after = bytesPerOpenDoc(memoryGraph);
    const mb = (b: number) => round(b / 1024 / 1024);
    const compactions = epochs.size - 1;
    const delivered = [warmup, ...phases].reduce((sum, phase) => sum + phase.latencies.length, 0);

    console.log(
      `changes made: ${seq}, the first ${WARMUP_SECONDS} s unmeasured (a warm-up); deliveries seen by the other editors: ${delivered} of ${expected}`,
    );
    for (const phase of phases) for (const line of phaseLines(phase, WATCHERS)) console.log(line);
    if (APART_UNAVAILABLE && WATCHERS > 0)
      console.log(`(the browsers could not be given a core of their own: ${APART_UNAVAILABLE})`);
    if (WATCHERS > 0)
      console.log(
        `browsers showed what the editors hold ${browsersConverged ? `${round(catchUpS)} s after the edits stopped` : "not within 60 s"}; their pages' main threads were busy ${browserBusy.map((b) => round(b)).join(" and ")} s in all (the machine has ${CORES} cores)`,
      );
    console.log(`compactions of the document during the run: ${compactions}`);
    console.log(`load average ${round(loadBefore, 2)} before, ${round(loadAfter, 2)} at the end`);
    console.log(
      `server RSS: ${mb(rssIdle)} MB idle, ${mb(rssJoined)} MB with the document open, ${EDITORS} editors and ${WATCHERS} browsers, peak ${mb(peakRss)} MB`,
    );
    console.log(
      `memory of one open 500-node document (heap): ${mb(opened.bytes)} MB when opened, at most ${mb(peak.bytes)} MB while edited (the largest of 1000 … 5000 edits: after ${peak.edits}, ${peak.compactions} compactions), ${mb(after.bytes)} MB after 6000 edits (${after.compactions} compactions) (target < 5 MB)`,
    );
    console.log(
      `database writes: ${saves} saves + ${revisions} revisions = ${round(writesPerMin)} per minute; all editors converged: ${converged}; saved flow as they hold it: ${savedAsShown}`,
    );
    console.log(
      JSON.stringify({
        bench: "coedit",
        editors: EDITORS,
        nodes: graph.nodes.length,
        watchingBrowsers: WATCHERS,
        movePattern: PATTERN,
        seconds: round(elapsed),
        warmupSeconds: round(warmup.elapsedS),
        changes: seq,
        deliveries: delivered,
        expectedDeliveries: expected,
        ...Object.fromEntries(phases.map((phase) => [phase.placement, phaseJson(phase)])),
        browsersConverged,
        browsersCaughtUpS: browsersConverged ? round(catchUpS) : null,
        browserMainThreadBusyS: browserBusy.map((b) => round(b)),
        compactions,
        loadAverageBefore: round(loadBefore, 2),
        loadAverageEnd: round(loadAfter, 2),
        serverRssIdleMb: mb(rssIdle),
        serverRssJoinedMb: mb(rssJoined),
        serverRssPeakMb: mb(peakRss),
        docHeapOpenedMb: mb(opened.bytes),
        docHeapPeakMb: mb(peak.bytes),
        docHeapAfter6000EditsMb: mb(after.bytes),
        dbWritesPerMin: round(writesPerMin),
        converged,
        savedAsShown,
      }),
    );
  } finally {
    await watchers?.close();
    editors?.close();
    server.kill("SIGTERM");
    await sleep(500);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
