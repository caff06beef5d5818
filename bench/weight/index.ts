// `npm run bench:weight`: page weight of each route of a production build, as a first-time
// visitor's Chromium downloads it: the encoded (compressed, as sent) bytes of every script the
// page loads until the network is quiet, and the largest contentful paint.
// Routes: home, designer, live view, view link (/s/…), snapshot (/snapshot#v1.…).
// Starts its own server (production build, temp database); last line is one JSON object.
// BENCH_WEIGHT_PACKAGES=1 measures a build of its own with source maps (in .next-weight-maps) and
// also says which packages and folders of ours each route's weight comes from (attribute.ts).
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { chromium, type Browser } from "@playwright/test";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { findChromium } from "../../scripts/find-chromium.mjs";
import { CHROMIUM_ARGS } from "../../e2e/launch-options";
import { encodeSnapshot } from "../../lib/share/snapshot";
import { FLOW_TEMPLATES } from "../../lib/templates";
import { freePort, startServer, waitForHealth } from "../shared/app-server";
import { bytesBySource, isOwnGroup, shareOut } from "./attribute";

/** Each route is opened this many times in a fresh browser context; the median LCP is reported. */
const RUNS = Number(process.env.BENCH_WEIGHT_RUNS ?? 3);
/** BENCH_WEIGHT_FILES=1 also lists each route's scripts, largest first. */
const LIST_FILES = process.env.BENCH_WEIGHT_FILES === "1";
/** BENCH_WEIGHT_PACKAGES=1 also shares each route's weight out among packages and our folders. */
const BY_PACKAGE = process.env.BENCH_WEIGHT_PACKAGES === "1";
/** The source-mapped build BY_PACKAGE measures, apart from the app's own. */
const MAPS_DIST = ".next-weight-maps";
/** How many of the heaviest packages and folders each route lists. */
const TOP_GROUPS = 12;
const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;

interface RouteWeight {
  scripts: number;
  scriptKB: number;
  rawScriptKB: number;
  lcpMs: number;
  /** With BENCH_WEIGHT_PACKAGES=1: the heaviest packages and folders (KB as sent), and all of our own code. */
  packagesKB?: Record<string, number>;
  ownCodeKB?: number;
}

/** Each script's bytes as sent shared out among the packages and folders its source map names. */
function weightByGroup(files: { path: string; encoded: number }[]): Map<string, number> {
  const total = new Map<string, number>();
  for (const file of files) {
    const local = join(MAPS_DIST, file.path.replace(/^\/_next\//, ""));
    const code = readFileSync(local, "utf8");
    const mapName = code.match(/\/\/# sourceMappingURL=(\S+)\s*$/)?.[1];
    const mapPath = mapName && join(dirname(local), mapName);
    const bytes =
      mapPath && existsSync(mapPath) ? bytesBySource(code, readFileSync(mapPath, "utf8")) : new Map();
    for (const [group, share] of shareOut(file.encoded, bytes))
      total.set(group, (total.get(group) ?? 0) + share);
  }
  return total;
}

/** Opens `url` in a fresh context (empty cache) and reads the scripts' sizes and LCP from the page. */
async function openOnce(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    const w = window as unknown as { __lcp: number };
    w.__lcp = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lcp = entry.startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForTimeout(500);
  const measured = await page.evaluate(() => {
    const scripts = performance
      .getEntriesByType("resource")
      .map((entry) => entry as PerformanceResourceTiming)
      .filter((entry) => new URL(entry.name).pathname.endsWith(".js"));
    return {
      files: scripts.map((entry) => ({ path: new URL(entry.name).pathname, encoded: entry.encodedBodySize })),
      scripts: scripts.length,
      encoded: scripts.reduce((sum, entry) => sum + entry.encodedBodySize, 0),
      decoded: scripts.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
      lcp: (window as unknown as { __lcp: number }).__lcp,
    };
  });
  await context.close();
  return measured;
}

async function measureRoute(browser: Browser, url: string): Promise<RouteWeight> {
  const runs = [];
  for (let i = 0; i < RUNS; i++) runs.push(await openOnce(browser, url));
  const lcps = runs.map((run) => run.lcp).sort((a, b) => a - b);
  const last = runs[runs.length - 1]!;
  if (LIST_FILES)
    for (const file of last.files.sort((a, b) => b.encoded - a.encoded))
      console.log(`  ${String(kb(file.encoded)).padStart(7)} KB  ${file.path}`);
  const weight: RouteWeight = {
    scripts: last.scripts,
    scriptKB: kb(last.encoded),
    rawScriptKB: kb(last.decoded),
    lcpMs: Math.round(lcps[Math.floor(lcps.length / 2)]!),
  };
  if (BY_PACKAGE) {
    const groups = [...weightByGroup(last.files)].sort((a, b) => b[1] - a[1]);
    weight.packagesKB = Object.fromEntries(groups.slice(0, TOP_GROUPS).map(([g, bytes]) => [g, kb(bytes)]));
    weight.ownCodeKB = kb(groups.filter(([g]) => isOwnGroup(g)).reduce((sum, [, bytes]) => sum + bytes, 0));
  }
  return weight;
}

async function post<T>(url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method: "POST",
    headers: body === undefined ? undefined : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function main() {
  if (BY_PACKAGE) {
    // Read by buildIfStale, next.config.js and the server this bench starts (it inherits the environment).
    process.env.NEXT_DIST_DIR = MAPS_DIST;
    process.env.BROWSER_SOURCE_MAPS = "1";
  }
  buildIfStale();
  // Find the browser before starting the server: without one the bench stops here, leaving nothing behind.
  const executablePath = findChromium();
  const dir = mkdtempSync(join(tmpdir(), "eventloom-bench-weight-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const server = startServer(port, join(dir, "bench.db"));
  try {
    await waitForHealth(base);
    const template = FLOW_TEMPLATES.find((t) => t.id === "ecommerce-orders")!;
    const flow = await post<{ id: string }>(`${base}/api/flows`, {
      name: template.name,
      graph: template.graph,
    });
    const link = await post<{ path: string }>(`${base}/api/flows/${encodeURIComponent(flow.id)}/view-link`);
    const routes: Record<string, string> = {
      home: `${base}/`,
      designer: `${base}/flows/${flow.id}`,
      live: `${base}/flows/${flow.id}/live`,
      viewLink: `${base}${link.path}`,
      snapshot: `${base}/snapshot#${encodeSnapshot({ name: template.name, graph: template.graph })}`,
    };
    const result: Record<string, RouteWeight> = {};
    for (const [name, url] of Object.entries(routes)) {
      result[name] = await measureRoute(browser, url);
      const r = result[name];
      console.log(
        `${name.padEnd(9)} ${String(r.scriptKB).padStart(7)} KB scripts as sent (${r.scripts} files, ` +
          `${r.rawScriptKB} KB uncompressed), LCP ${r.lcpMs} ms`,
      );
      if (r.packagesKB) {
        const heaviest = Object.entries(r.packagesKB).map(([group, size]) => `${group} ${size}`);
        console.log(
          `  heaviest (KB as sent, estimated): ${heaviest.join(", ")}; our own code ${r.ownCodeKB} KB`,
        );
      }
    }
    console.log(JSON.stringify({ bench: "weight", runs: RUNS, routes: result }));
  } finally {
    await browser.close();
    server.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
