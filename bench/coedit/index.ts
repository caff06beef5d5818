// `npm run bench:coedit`: 20 simulated editors (socket clients speaking the designer's own sync
// code) each make 5 changes a second to one 500-node flow for 60 s (--quick: 10 s), with 2
// headless Chromium pages watching it in the designer (--browsers=N: N of them; moves as drags,
// --pattern=scatter: each to another producer). Prints how long a change takes to reach
// the other editors and to be rendered in the browsers (p50/p99), the server's CPU and memory,
// database writes per minute, the memory of one open 500-node document, and the load average.
// `--profile=FILE` writes the first browser's CPU profile over the edits (a .cpuprofile);
// `--trace=FILE` its timeline trace, with Chromium's own rendering work (a .json for DevTools).
// Starts its own server (production build, temp database); last line is one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { join } from "node:path";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import { bigFlow } from "../canvas/big-flow";
import {
  freePort,
  percentile,
  startServer,
  treeCpuSeconds,
  treeRssBytes,
  waitForHealth,
} from "../shared/app-server";
import { bytesPerOpenDoc } from "./doc-memory";
import { openWatchers, type Watchers } from "./browsers";
import { CHANGES_PER_DRAG, joinEditors, type Editors, type MovePattern } from "./editors";

const quick = process.argv.includes("--quick");
const SECONDS = quick ? 10 : 60;
const EDITORS = 20;
/** Watching browsers: 2 (`--browsers=0` leaves them out, to tell their load apart). */
const WATCHERS = Math.min(4, Number(/--browsers=(\d)/.exec(process.argv.join(" "))?.[1] ?? 2));
const CHANGES_PER_SEC = 5;
/** Moves as drags, or `--pattern=scatter` (see MovePattern). */
const PATTERN: MovePattern = process.argv.includes("--pattern=scatter") ? "scatter" : "drag";
/** `--profile=FILE` writes the first browser's CPU profile over the edits to FILE. */
const PROFILE = process.argv.find((a) => a.startsWith("--profile="))?.slice("--profile=".length);
/** `--trace=FILE` writes the first browser's timeline trace over the edits to FILE. */
const TRACE = process.argv.find((a) => a.startsWith("--trace="))?.slice("--trace=".length);
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
    const graph = bigFlow();
    const created = await fetch(`${base}/api/flows`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Co-edit bench", graph }),
    });
    const flow = (await created.json()) as { id: string; version: number };
    const rssIdle = treeRssBytes(server.pid!);

    editors = await joinEditors(base, flow.id, EDITORS);
    watchers = await openWatchers(base, flow.id, WATCHERS);
    const rendered = await watchers.rendered();
    const rssJoined = treeRssBytes(server.pid!);
    console.log(
      `${EDITORS} editors + ${WATCHERS} watching browsers joined a ${graph.nodes.length}-node flow ` +
        (WATCHERS > 0
          ? `(the browsers render ${rendered.map((r) => r.length).join(" and ")} of its 100 producers); `
          : "; ") +
        `${EDITORS} × ${CHANGES_PER_SEC} changes/s for ${SECONDS} s, moves ` +
        (PATTERN === "drag"
          ? `as drags (${CHANGES_PER_DRAG} moves of one producer, then the next)`
          : "scattered (each to another producer)"),
    );

    if (PROFILE) await watchers.startProfile();
    if (TRACE) await watchers.startTrace(TRACE);
    const cpuBefore = treeCpuSeconds(server.pid!);
    const ownCpuBefore = process.cpuUsage();
    // This process's tree: itself, the server and the browsers (every Chromium process).
    const allCpuBefore = treeCpuSeconds(process.pid);
    const loopDelay = monitorEventLoopDelay({ resolution: 5 });
    loopDelay.enable();
    const started = performance.now();
    // Each editor moves its own few producers (a drag's worth of position changes).
    editors.startMoving(PATTERN, CHANGES_PER_SEC, X_RANGE);
    let peakRss = rssJoined;
    for (let s = 0; s < SECONDS; s++) {
      await sleep(1000);
      peakRss = Math.max(peakRss, treeRssBytes(server.pid!));
    }
    editors.stopMoving();
    if (PROFILE) await watchers.stopProfile(PROFILE);
    if (TRACE) await watchers.stopTrace();
    const elapsed = (performance.now() - started) / 1000;
    const cpu = treeCpuSeconds(server.pid!) - cpuBefore;
    const allCpu = treeCpuSeconds(process.pid) - allCpuBefore;
    loopDelay.disable();
    const ownCpuUs = process.cpuUsage(ownCpuBefore);
    const ownCpu = (ownCpuUs.user + ownCpuUs.system) / 1e6;
    const browsersCpu = Math.max(0, allCpu - cpu - ownCpu);
    const loadAfter = loadavg()[0];
    await sleep(3000); // the last changes arrive and the server saves them
    const epochs = editors.epochs();
    const seq = editors.changes();
    const latencies = editors.latencies;
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

    // The browsers: how long they take to show what the editors hold (at most 60 s more), then
    // each producer's move when it showed.
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
    const shown = await watchers.seen();
    const browserLatencies: number[] = [];
    for (const moves of shown)
      for (const { key, atMs } of moves) {
        const sentAt = editors.sentAt(key);
        if (sentAt !== undefined && atMs >= sentAt) browserLatencies.push(atMs - sentAt);
      }
    latencies.sort((a, b) => a - b);
    browserLatencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const bp50 = percentile(browserLatencies, 50);
    const bp99 = percentile(browserLatencies, 99);
    const opened = bytesPerOpenDoc(graph, 10, 0);
    // The most an open document holds between compactions: sampled every 1000 edits.
    const peak = [1000, 2000, 3000, 4000, 5000]
      .map((edits) => ({ edits, ...bytesPerOpenDoc(graph, 10, edits) }))
      .reduce((most, point) => (point.bytes > most.bytes ? point : most));
    const after = bytesPerOpenDoc(graph);
    const mb = (b: number) => round(b / 1024 / 1024);
    const compactions = epochs.size - 1;

    console.log(
      `changes made: ${seq}; deliveries seen by the other editors: ${latencies.length} of ${expected}`,
    );
    console.log(
      `remote change latency (editors): p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(latencies.at(-1) ?? 0)} ms (target p99 < 100 ms; a change within 40 ms of its editor's last waits for the end of that window)`,
    );
    if (WATCHERS > 0)
      console.log(
        `rendered in the browsers: ${browserLatencies.length} moves of the producers they show; p50 ${round(bp50)} ms, p99 ${round(bp99)} ms, max ${round(browserLatencies.at(-1) ?? 0)} ms; browsers showed what the editors hold ${browsersConverged ? `${round(catchUpS)} s after the edits stopped` : "not within 60 s"}; their pages' main threads were busy ${browserBusy.map((b) => round(b)).join(" and ")} s in all; every Chromium process together used ${round((browsersCpu / elapsed) * 100)} % of one core (the machine has ${availableParallelism()})`,
      );
    console.log(`compactions of the document during the run: ${compactions}`);
    console.log(
      `server CPU: ${round((cpu / elapsed) * 100)} % of one core (${round(cpu, 2)} s over ${round(elapsed)} s); load average ${round(loadBefore, 2)} before, ${round(loadAfter, 2)} at the end`,
    );
    console.log(
      `the editors' process (this one): CPU ${round((ownCpu / elapsed) * 100)} % of one core; its event loop delay p50 ${round(loopDelay.percentile(50) / 1e6)} ms, p99 ${round(loopDelay.percentile(99) / 1e6)} ms, max ${round(loopDelay.max / 1e6)} ms`,
    );
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
        watchingBrowsers: WATCHERS,
        movePattern: PATTERN,
        seconds: round(elapsed),
        changes: seq,
        deliveries: latencies.length,
        expectedDeliveries: expected,
        latencyP50Ms: round(p50),
        latencyP99Ms: round(p99),
        latencyMaxMs: round(latencies.at(-1) ?? 0),
        browserRenderedMoves: browserLatencies.length,
        browserLatencyP50Ms: round(bp50),
        browserLatencyP99Ms: round(bp99),
        browsersConverged,
        browsersCaughtUpS: browsersConverged ? round(catchUpS) : null,
        browserMainThreadBusyS: browserBusy.map((b) => round(b)),
        compactions,
        serverCpuPercent: round((cpu / elapsed) * 100),
        editorsCpuPercent: round((ownCpu / elapsed) * 100),
        browsersCpuPercent: round((browsersCpu / elapsed) * 100),
        editorsLoopDelayP99Ms: round(loopDelay.percentile(99) / 1e6),
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
