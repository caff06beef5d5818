// `npx tsx bench/inspector/index.ts`: a flow at 10,000 deliveries/s watched (1) by one headless
// Chromium page on the live inspector for 30 s: long tasks, delivery→screen delay, server CPU,
// then scrolling the full 100,000-row table while it streams;
// (2) by 50 socket.io clients: the runtime's throughput against no watchers at all.
// Starts its own server (production build, temp database); last line is one JSON object.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "@playwright/test";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { findChromium } from "../../scripts/find-chromium.mjs";
import { CHROMIUM_ARGS } from "../../e2e/launch-options";
import { ackedSoFar, EVENTS_PER_SEC, inspectorBenchFlow } from "./bench-flow";
import { installProbes, readProbes, startProbes } from "./page-probe";
import { scrollTable } from "./scroll-probe";
import { freePort, startServer, treeCpuSeconds, waitForHealth } from "../shared/app-server";
import { startWatchers } from "./watchers";

const PAGE_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 30);
const PHASE_SECONDS = Number(process.env.BENCH_PHASE_SECONDS ?? 15);
const WATCHERS = 50;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN;
};

/** Deliveries acked per second and server CPU (% of one core) over `seconds`. */
async function measure(base: string, flowId: string, serverPid: number, seconds: number) {
  const acked0 = await ackedSoFar(base, flowId),
    cpu0 = treeCpuSeconds(serverPid),
    t0 = performance.now();
  await sleep(seconds * 1000);
  const acked1 = await ackedSoFar(base, flowId),
    cpu1 = treeCpuSeconds(serverPid),
    dt = (performance.now() - t0) / 1000;
  return {
    deliveriesPerSec: Math.round((acked1 - acked0) / dt),
    serverCpuPct: round(((cpu1 - cpu0) / dt) * 100),
  };
}

async function main() {
  buildIfStale();
  const dir = mkdtempSync(join(tmpdir(), "eventloom-bench-inspector-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, join(dir, "bench.db"), {
    MAX_FLOW_EVENTS_PER_SEC: "50000",
    MAX_SERVER_EVENTS_PER_SEC: "100000",
  });
  const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
  try {
    await waitForHealth(base);
    const created = await fetch(`${base}/api/flows`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Inspector bench", graph: inspectorBenchFlow() }),
    });
    const flow = (await created.json()) as { id: string };
    const deployed = await fetch(`${base}/api/flows/${flow.id}/deploy`, { method: "POST" });
    if (!deployed.ok) throw new Error(`deploy failed: ${await deployed.text()}`);
    await sleep(3_000);

    const baseline = await measure(base, flow.id, server.pid!, PHASE_SECONDS);
    console.log(
      `no watchers: ${baseline.deliveriesPerSec} deliveries/s, server CPU ${baseline.serverCpuPct} %`,
    );

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await installProbes(page);
    await page.goto(`${base}/flows/${flow.id}/live`);
    await page
      .getByRole("table", { name: "Deliveries" })
      .getByRole("row")
      .nth(1)
      .waitFor({ timeout: 20_000 });
    await sleep(2_000);
    await startProbes(page);
    const watched = await measure(base, flow.id, server.pid!, PAGE_SECONDS);
    const probes = await readProbes(page);
    const tableRows = async () =>
      Number(await page.getByRole("table", { name: "Deliveries" }).getAttribute("aria-rowcount")) - 1;
    const shownRows = await tableRows();
    for (let i = 0; i < 60 && (await tableRows()) < 100_000; i++) await sleep(1_000); // fill the ring
    const scroll = await scrollTable(page);
    const scrollRows = await tableRows();
    await page.close();
    const pageResult = {
      seconds: PAGE_SECONDS,
      deliveriesPerSec: watched.deliveriesPerSec,
      serverCpuPct: watched.serverCpuPct,
      gatewayCpuPct: round(watched.serverCpuPct - baseline.serverCpuPct),
      longTasks: probes.longTasksMs.length,
      longTaskMaxMs: round(Math.max(0, ...probes.longTasksMs)),
      longTasksOver200ms: probes.longTasksMs.filter((d) => d > 200).length,
      fps: round(probes.frames / PAGE_SECONDS),
      rowsOnScreen: probes.delaysMs.length,
      tableRows: shownRows,
      delayP50Ms: round(percentile(probes.delaysMs, 50)),
      delayP99Ms: round(percentile(probes.delaysMs, 99)),
      delayMaxMs: round(Math.max(0, ...probes.delaysMs)),
    };
    const scrollResult = {
      tableRows: scrollRows,
      frames: scroll.framesMs.length,
      frameP50Ms: round(percentile(scroll.framesMs, 50)),
      frameP95Ms: round(percentile(scroll.framesMs, 95)),
      frameMaxMs: round(Math.max(0, ...scroll.framesMs)),
      longTasks: scroll.longTasksMs.length,
      longTaskMaxMs: round(Math.max(0, ...scroll.longTasksMs)),
    };
    console.log(
      `scrolling ${scrollRows} rows while streaming: ${scrollResult.frames} frames, p50 ${scrollResult.frameP50Ms} ms, p95 ${scrollResult.frameP95Ms} ms, max ${scrollResult.frameMaxMs} ms, long tasks ${scrollResult.longTasks} (max ${scrollResult.longTaskMaxMs} ms)`,
    );
    console.log(
      `page: long tasks ${pageResult.longTasks} (max ${pageResult.longTaskMaxMs} ms, ${pageResult.longTasksOver200ms} over 200 ms), ${pageResult.fps} fps, delivery→screen p50 ${pageResult.delayP50Ms} ms, p99 ${pageResult.delayP99Ms} ms; server CPU ${pageResult.serverCpuPct} % (gateway ≈ +${pageResult.gatewayCpuPct} %)`,
    );

    const watchers = await startWatchers(base, flow.id, WATCHERS);
    await sleep(1_000);
    const many = await measure(base, flow.id, server.pid!, PHASE_SECONDS);
    watchers.close();
    const dropPct = round((1 - many.deliveriesPerSec / baseline.deliveriesPerSec) * 100);
    console.log(
      `${WATCHERS} socket.io watchers: ${many.deliveriesPerSec} deliveries/s (drop ${dropPct} %), server CPU ${many.serverCpuPct} %, rows received ${watchers.totals.rows}, missed ${watchers.totals.missed}`,
    );

    console.log(
      JSON.stringify({
        bench: "inspector",
        targetDeliveriesPerSec: EVENTS_PER_SEC * 2,
        baseline,
        page: pageResult,
        scroll: scrollResult,
        watchers: {
          count: WATCHERS,
          deliveriesPerSec: many.deliveriesPerSec,
          throughputDropPct: dropPct,
          serverCpuPct: many.serverCpuPct,
          rowsReceived: watchers.totals.rows,
          missed: watchers.totals.missed,
        },
      }),
    );
  } finally {
    await browser.close();
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
