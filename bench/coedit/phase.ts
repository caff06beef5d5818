// One measured stretch of bench:coedit: the editors move producers for a while with the
// processes placed one way (see placement.ts); what it took the changes to reach the other
// editors and the browsers' screens, and the CPU each side used.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { percentile, treeCpuSeconds, treeRssBytes } from "../shared/app-server";
import type { Editors, MovePattern } from "./editors";
import type { Watchers } from "./browsers";
import { place, type Placement } from "./placement";

export interface Load {
  seconds: number;
  perSec: number;
  pattern: MovePattern;
  /** Moved producers stay within this x range, so the browsers keep them in view. */
  xRange: number;
}

export interface Phase {
  placement: Placement;
  elapsedS: number;
  /** Ascending: ms from a move to each other editor's copy. */
  latencies: number[];
  /** Ascending: ms from a move to each browser's screen (for the producers it shows). */
  browserLatencies: number[];
  serverCpuS: number;
  editorsCpuS: number;
  browsersCpuS: number;
  /** Seconds each page's main thread was busy while the editors moved. */
  browsersBusyS: number[];
  /** Ascending: how long a task queued in a page waited for its main thread meanwhile (ms). */
  browserWaits: number[];
  editorsLoopDelayMs: { p50: number; p99: number; max: number };
  peakRssBytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/** Places the processes, has the editors move for `load.seconds`, then waits 3 s for the last changes. */
export async function measurePhase(
  placement: Placement,
  serverPid: number,
  editors: Editors,
  watchers: Watchers,
  load: Load,
): Promise<Phase> {
  place(placement, serverPid);
  const fromIndex = editors.latencies.length;
  const cpuBefore = treeCpuSeconds(serverPid);
  const ownCpuBefore = process.cpuUsage();
  // This process's tree: itself, the server and the browsers (every Chromium process).
  const allCpuBefore = treeCpuSeconds(process.pid);
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const busyBefore = await watchers.busySeconds();
  const startedAt = now();
  editors.startMoving(load.pattern, load.perSec, load.xRange);
  let peakRssBytes = treeRssBytes(serverPid);
  for (let s = 0; s < load.seconds; s++) {
    await sleep(1000);
    peakRssBytes = Math.max(peakRssBytes, treeRssBytes(serverPid));
  }
  editors.stopMoving();
  const endedAt = now();
  const elapsedS = (endedAt - startedAt) / 1000;
  const busyAfter = await watchers.busySeconds();
  const serverCpuS = treeCpuSeconds(serverPid) - cpuBefore;
  const allCpuS = treeCpuSeconds(process.pid) - allCpuBefore;
  loopDelay.disable();
  const ownCpuUs = process.cpuUsage(ownCpuBefore);
  const editorsCpuS = (ownCpuUs.user + ownCpuUs.system) / 1e6;
  await sleep(3000); // the last changes arrive
  const browserLatencies: number[] = [];
  const browserWaits: number[] = [];
  for (const waits of await watchers.waits())
    for (const { atMs, ms } of waits) if (atMs >= startedAt && atMs <= endedAt) browserWaits.push(ms);
  for (const moves of await watchers.seen())
    for (const { key, atMs } of moves) {
      const sentAt = editors.sentAt(key);
      if (sentAt !== undefined && sentAt >= startedAt && atMs >= sentAt) browserLatencies.push(atMs - sentAt);
    }
  return {
    placement,
    elapsedS,
    latencies: editors.latencies.slice(fromIndex).sort((a, b) => a - b),
    browserLatencies: browserLatencies.sort((a, b) => a - b),
    serverCpuS,
    editorsCpuS,
    browsersCpuS: Math.max(0, allCpuS - serverCpuS - editorsCpuS),
    browsersBusyS: busyAfter.map((busy, i) => busy - busyBefore[i]),
    browserWaits: browserWaits.sort((a, b) => a - b),
    editorsLoopDelayMs: {
      p50: loopDelay.percentile(50) / 1e6,
      p99: loopDelay.percentile(99) / 1e6,
      max: loopDelay.max / 1e6,
    },
    peakRssBytes,
  };
}

const HEADINGS: Record<Placement, string> = {
  shared: "the browsers sharing every core with the server (shared)",
  apart:
    "the browsers on a core of their own, as on people's own machines (apart: server and editors on CPU 0, Chromium on CPU 1)",
};

/** What a phase measured, in figures (the JSON line's, and what the lines for people read). */
export function phaseJson(phase: Phase) {
  const { latencies: l, browserLatencies: b } = phase;
  const percent = (seconds: number) => round((seconds / phase.elapsedS) * 100);
  return {
    seconds: round(phase.elapsedS),
    deliveries: l.length,
    latencyP50Ms: round(percentile(l, 50)),
    latencyP99Ms: round(percentile(l, 99)),
    latencyMaxMs: round(l.at(-1) ?? 0),
    browserRenderedMoves: b.length,
    browserLatencyP50Ms: b.length ? round(percentile(b, 50)) : null,
    browserLatencyP99Ms: b.length ? round(percentile(b, 99)) : null,
    browserLatencyMaxMs: b.length ? round(b.at(-1)!) : null,
    serverCpuPercent: percent(phase.serverCpuS),
    editorsCpuPercent: percent(phase.editorsCpuS),
    browsersCpuPercent: percent(phase.browsersCpuS),
    browserMainThreadBusyPercent: phase.browsersBusyS.map(percent),
    browserTaskWaitP50Ms: phase.browserWaits.length ? round(percentile(phase.browserWaits, 50)) : null,
    browserTaskWaitP99Ms: phase.browserWaits.length ? round(percentile(phase.browserWaits, 99)) : null,
    editorsLoopDelayP50Ms: round(phase.editorsLoopDelayMs.p50),
    editorsLoopDelayP99Ms: round(phase.editorsLoopDelayMs.p99),
    editorsLoopDelayMaxMs: round(phase.editorsLoopDelayMs.max),
  };
}

/** What a phase measured, for people: a heading and indented lines. */
export function phaseLines(phase: Phase, browsers: number): string[] {
  const f = phaseJson(phase);
  return [
    `with ${browsers > 0 ? HEADINGS[phase.placement] : "no watching browsers"}, ${f.seconds} s:`,
    `  remote change latency (editors): p50 ${f.latencyP50Ms} ms, p99 ${f.latencyP99Ms} ms, max ${f.latencyMaxMs} ms over ${f.deliveries} deliveries (target p99 < 100 ms; a change within 40 ms of its editor's last waits for the end of that window)`,
    ...(browsers > 0
      ? [
          `  rendered in the browsers: ${f.browserRenderedMoves} moves of the producers they show; p50 ${f.browserLatencyP50Ms} ms, p99 ${f.browserLatencyP99Ms} ms, max ${f.browserLatencyMaxMs} ms; their pages' main threads busy ${f.browserMainThreadBusyPercent.join(" and ")} % of the time`,
          `  a task queued in a page (as a person's click or key, at most) waited for its main thread p50 ${f.browserTaskWaitP50Ms} ms, p99 ${f.browserTaskWaitP99Ms} ms`,
        ]
      : []),
    `  CPU, as % of one core: server ${f.serverCpuPercent} %, editors (this process) ${f.editorsCpuPercent} %` +
      (browsers > 0 ? `, every Chromium process together ${f.browsersCpuPercent} %` : "") +
      `; the editors' event loop delay p50 ${f.editorsLoopDelayP50Ms} ms, p99 ${f.editorsLoopDelayP99Ms} ms, max ${f.editorsLoopDelayMaxMs} ms`,
  ];
}
