import type { Page } from "@playwright/test";

/** What the page recorded while it watched: long tasks and delivery→screen delays. */
export interface ProbeResult {
  longTasksMs: number[];
  delaysMs: number[];
  frames: number;
}

/**
 * Installs the probes before the app runs: a long-task observer, and a mutation observer
 * that, for every delivery row put on screen, takes now minus the row's record time
 * (server and browser share this machine's clock).
 */
export async function installProbes(page: Page): Promise<void> {
  // A string, not a function: tsx's transpiled functions reference helpers the page lacks.
  await page.addInitScript(`
    const probe = (window.probe_ = { longTasksMs: [], delaysMs: [], frames: 0, on: false });
    new PerformanceObserver((list) => {
      if (probe.on) for (const entry of list.getEntries()) probe.longTasksMs.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
    const frame = () => {
      if (probe.on) probe.frames++;
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    new MutationObserver((mutations) => {
      if (!probe.on) return;
      const now = Date.now();
      for (const m of mutations) for (const node of m.addedNodes) if (node.dataset && node.dataset.at) probe.delaysMs.push(now - Number(node.dataset.at));
    }).observe(document, { childList: true, subtree: true });
  `);
}

export const startProbes = (page: Page) => page.evaluate("window.probe_.on = true");

export const readProbes = (page: Page): Promise<ProbeResult> =>
  page.evaluate(
    "(() => { const p = window.probe_; p.on = false; return { longTasksMs: p.longTasksMs, delaysMs: p.delaysMs, frames: p.frames }; })()",
  );
