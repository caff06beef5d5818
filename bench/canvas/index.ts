// `npm run bench:canvas`: opens a 500-node / 600-edge flow in headless Chromium and prints
// how long it takes to load and fit, then frame times while panning and zooming.
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
import { validateGraph } from "../../lib/flow";
import { bigFlow } from "./big-flow";
import { freePort, percentile, startServer, waitForHealth } from "../shared/app-server";

const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  buildIfStale();
  const executablePath = findChromium();
  const dir = mkdtempSync(join(tmpdir(), "eventloom-bench-canvas-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, join(dir, "bench.db"));
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    await waitForHealth(base);
    const graph = bigFlow();
    const issues = validateGraph(graph).issues.filter((i) => i.severity === "error");
    if (issues.length) throw new Error(`bench flow is invalid: ${issues[0].path} ${issues[0].message}`);
    const created = await fetch(`${base}/api/flows`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bench 500", graph }),
    });
    const flow = (await created.json()) as { id: string };
    console.log(`flow: ${graph.nodes.length} nodes, ${graph.edges.length} edges`);

    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const loads: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.goto(`${base}/flows/${flow.id}`);
      // Loaded and fitted: nodes are on screen and the viewport has left its initial transform.
      // Checked at each frame by a script evaluated over the DevTools protocol: the page's
      // Content Security Policy forbids the eval that page.waitForFunction would need.
      const ms = await page.evaluate(
        `new Promise((resolve, reject) => {
          const check = () => {
            const viewport = document.querySelector(".react-flow__viewport");
            const shown = document.querySelectorAll(".react-flow__node:not([style*='visibility: hidden'])").length;
            if (viewport && shown > 0 && !/scale\\(1\\)/.test(viewport.style.transform)) resolve(performance.now());
            else if (performance.now() > 30000) reject(new Error("the flow was not loaded and fitted within 30 s"));
            else requestAnimationFrame(check);
          };
          check();
        })`,
      );
      loads.push(ms as number);
      console.log(`load + fit, run ${run + 1}: ${round(loads[run])} ms`);
    }

    // Zoom in to a readable level, then pan across the flow while recording frame times.
    const pane = page.locator(".react-flow__pane");
    const box = (await pane.boundingBox())!;
    const cx = box.x + box.width / 2,
      cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
    // A string, not a function: tsx's transform would add helpers the page does not have.
    await page.evaluate(`(() => {
      window.frames_ = [];
      window.stop_ = false;
      let last = performance.now();
      const tick = (t) => {
        window.frames_.push(t - last);
        last = t;
        if (!window.stop_) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    })()`);
    for (let sweep = 0; sweep < 4; sweep++) {
      await page.mouse.move(cx, cy);
      await page.mouse.down();
      await page.mouse.move(cx + (sweep % 2 ? 400 : -400), cy + (sweep < 2 ? -300 : 300), { steps: 60 });
      await page.mouse.up();
    }
    for (let i = 0; i < 10; i++) await page.mouse.wheel(0, i < 5 ? 200 : -200);
    const frames = (await page.evaluate("(window.stop_ = true, window.frames_.slice(1))")) as number[];
    const sorted = [...frames].sort((a, b) => a - b);
    const result = {
      bench: "canvas",
      nodes: graph.nodes.length,
      edges: graph.edges.length,
      loadAndFitMs: round(Math.min(...loads)),
      loadAndFitMsRuns: loads.map(round),
      frames: frames.length,
      frameP50Ms: round(percentile(sorted, 50)),
      frameP95Ms: round(percentile(sorted, 95)),
      frameMaxMs: round(sorted[sorted.length - 1]),
    };
    console.log(
      `panning/zooming: ${frames.length} frames, p50 ${result.frameP50Ms} ms, p95 ${result.frameP95Ms} ms, max ${result.frameMaxMs} ms`,
    );
    console.log(JSON.stringify(result));
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
