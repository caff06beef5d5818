// The watching browsers of bench:coedit: headless Chromium pages on the flow's designer (edit
// link, as a co-editor who only looks). A MutationObserver in each page notes when a producer's
// shown position changes (its card's transform, or its overview shape's x and y), with the wall
// clock the bench shares.
import { writeFileSync } from "node:fs";
import { chromium, type Browser, type CDPSession, type Page } from "@playwright/test";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { findChromium } from "../../scripts/find-chromium.mjs";
import { CHROMIUM_ARGS } from "../../e2e/launch-options";

/** One rendered change a page saw: `${nodeId}:${x}` and when (ms since the epoch). */
export interface SeenChange {
  key: string;
  atMs: number;
}

/** When a page's timer ran (ms since the epoch) and how late (ms past when it was due). */
export interface MainThreadWait {
  atMs: number;
  ms: number;
}

/**
 * A node as a page shows it: React Flow's card (its place in a CSS transform), or on a big flow
 * zoomed far out its shape in the overview (components/flow-editor/overview), drawn instead of
 * the cards (its place in the x and y of its card rectangle). Each carries the node's id in data-id.
 */
const SHOWN_NODES = ".react-flow__node, .el-overview-node";
/** Where a page shows a node (an element SHOWN_NODES finds), as [x, y]; a string, run in the page. */
const PLACE_OF = `(el) => {
  if (el.classList.contains("el-overview-node")) {
    const card = el.querySelector(".el-overview-card");
    return card ? [card.getAttribute("x"), card.getAttribute("y")] : null;
  }
  const match = /translate\\(([-\\d.e]+)px,\\s*([-\\d.e]+)px/.exec(el.style.transform);
  return match ? [match[1], match[2]] : null;
}`;

/**
 * Installed in every page before it loads: collects producers' rendered moves in window.__moves.
 * A string, not a function: tsx's transpiled functions reference helpers the page lacks.
 */
const OBSERVE_MOVES = `
  const SHOWN = ${JSON.stringify(SHOWN_NODES)};
  const placeOf = (window.__placeOf = ${PLACE_OF});
  const moves = (window.__moves = []);
  const last = new Map();
  const note = (target) => {
    const el = target.closest(SHOWN);
    const id = el?.getAttribute("data-id");
    if (!id || !/^p\\d+$/.test(id)) return;
    const place = placeOf(el);
    if (!place || last.get(id) === place[0]) return;
    last.set(id, place[0]);
    moves.push({ key: id + ":" + Number(place[0]), atMs: performance.timeOrigin + performance.now() });
  };
  new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "attributes") note(record.target);
      else for (const n of record.addedNodes) if (n instanceof Element && n.matches(SHOWN)) note(n);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["style", "x"] });
  // How long a task queued in the page waits for its main thread: a timer due every 100 ms, and
  // how late it ran (what a person's click or key meets, at most: input goes ahead of timers).
  const waits = (window.__waits = []);
  let due = performance.now() + 100;
  const tick = () => {
    const at = performance.now();
    waits.push({ atMs: performance.timeOrigin + at, ms: Math.max(0, at - due) });
    due = at + 100;
    setTimeout(tick, 100);
  };
  setTimeout(tick, 100);
`;

const TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc"];

export async function openWatchers(base: string, flowId: string, count: number) {
  const browser: Browser | null =
    count > 0 ? await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS }) : null;
  const pages: Page[] = [];
  const sessions: CDPSession[] = [];
  for (let i = 0; i < count; i++) {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 } });
    await context.addInitScript(
      (name) => localStorage.setItem("eventloom.displayName", name),
      `Watcher ${i + 1}`,
    );
    await context.addInitScript(OBSERVE_MOVES);
    const page = await context.newPage();
    await page.goto(`${base}/flows/${flowId}`);
    // "Saved" once the shared flow has arrived (it reads "Connecting…" until then).
    await page
      .getByRole("banner")
      .getByRole("status")
      .filter({ hasText: /^Saved$/ })
      .waitFor({ timeout: 120_000 });
    pages.push(page);
    const session = await context.newCDPSession(page);
    await session.send("Performance.enable");
    sessions.push(session);
  }
  return {
    /** Producers each page renders (React Flow renders only what is in view on a big flow). */
    rendered: () =>
      Promise.all(
        pages.map((page) =>
          page.$$eval(SHOWN_NODES, (els) =>
            els.map((el) => el.getAttribute("data-id") ?? "").filter((id) => /^p\d+$/.test(id)),
          ),
        ),
      ),
    /** Every rendered move each page saw so far. */
    seen: () =>
      Promise.all(
        pages.map((page) => page.evaluate(() => (window as unknown as { __moves: SeenChange[] }).__moves)),
      ),
    /** How late each page's 100 ms timer ran, each time (see OBSERVE_MOVES). */
    waits: () =>
      Promise.all(
        pages.map((page) =>
          page.evaluate(() => (window as unknown as { __waits: MainThreadWait[] }).__waits),
        ),
      ),
    /** Where each page shows each rendered producer now (see PLACE_OF). */
    positions: () =>
      Promise.all(
        pages.map((page) =>
          page.$$eval(SHOWN_NODES, (els) => {
            const placeOf = (window as unknown as { __placeOf: (el: Element) => [string, string] | null })
              .__placeOf;
            return Object.fromEntries(
              els
                .filter((el) => /^p\d+$/.test(el.getAttribute("data-id") ?? ""))
                .map((el) => {
                  const place = placeOf(el);
                  return [
                    el.getAttribute("data-id")!,
                    place ? { x: Number(place[0]), y: Number(place[1]) } : null,
                  ];
                }),
            );
          }),
        ),
      ),
    /** Seconds each page's main thread spent running tasks since it opened (Chromium's TaskDuration). */
    busySeconds: () =>
      Promise.all(
        sessions.map(async (session) => {
          const { metrics } = await session.send("Performance.getMetrics");
          return metrics.find((m) => m.name === "TaskDuration")?.value ?? 0;
        }),
      ),
    /** Starts a CPU profile of the first page's main thread. */
    startProfile: async () => {
      await sessions[0]?.send("Profiler.enable");
      await sessions[0]?.send("Profiler.start");
    },
    /** Stops the profile and writes it to `file` (open it in Chromium's DevTools, Performance). */
    stopProfile: async (file: string) => {
      if (!sessions[0]) return;
      const { profile } = await sessions[0].send("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
    },
    /**
     * Records a timeline trace of the first page into `file` (its scripts and Chromium's own
     * rendering work: style, layout, paint, layerize), to open in DevTools' Performance panel.
     */
    startTrace: async (file: string) => {
      if (pages[0]) await browser!.startTracing(pages[0], { path: file, categories: TRACE_CATEGORIES });
    },
    stopTrace: async () => {
      if (pages[0]) await browser!.stopTracing();
    },
    close: async () => browser?.close(),
  };
}
export type Watchers = Awaited<ReturnType<typeof openWatchers>>;
