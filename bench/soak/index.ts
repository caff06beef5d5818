/**
 * Soak benchmark (never part of the tests): the production server in a child process under
 * mixed load for a while: saves, watchers, deploy/stop cycles, HTTP ingest, a flow running all
 * along, and hostile requests at a low rate. Prints resident memory over time, /api/health
 * latency (asked every 200 ms) and error counts, and whether memory levelled off (its trend over
 * the last third under PLATEAU_MB_PER_MIN, see plateau.ts). Needs a build
 * (`npm run build`). 60 s by default; `SOAK_SECONDS=600 npm run bench:soak` for the long run.
 * Last line: one JSON object.
 */
import { startAbuseServer } from "@/server/abuse/harness";
import { counts, mixedLoad } from "./load";
import { plateau, type RssSample } from "./plateau";

const SECONDS = Number(process.env.SOAK_SECONDS ?? 60);
const SAMPLE_EVERY_MS = Math.max(2000, (SECONDS * 1000) / 60);
/** Levelled off: resident memory's trend over the last third grows less than this (MB a minute). */
const PLATEAU_MB_PER_MIN = 2;
const METRICS_TOKEN = "soak-".padEnd(24, "x");

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main() {
  const server = await startAbuseServer({ LOG_LEVEL: "error", METRICS_TOKEN });
  /** The server's JavaScript heap in use and its memory outside the heap (MB), from /metrics. */
  const heap = async () => {
    const text = await (
      await fetch(`${server.base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    const value = (name: string) =>
      Number(new RegExp(`^eventloom_${name} (\\S+)$`, "m").exec(text)?.[1]) / 2 ** 20;
    return {
      usedMb: value("nodejs_heap_size_used_bytes"),
      externalMb: value("nodejs_external_memory_bytes"),
    };
  };
  const started = Date.now();
  let done = false;
  const stop = () => done;
  const rss: RssSample[] = [{ atS: 0, mb: server.rssMb() }];
  const healthMs: number[] = [];
  let healthFailures = 0;
  console.log(
    `soak: ${SECONDS} s of mixed load against ${server.base} (idle RSS ${rss[0].mb.toFixed(0)} MB)`,
  );

  const health = (async () => {
    while (!done) {
      const t = performance.now();
      try {
        const answer = await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(5000) });
        await answer.arrayBuffer();
        if (answer.status !== 200) healthFailures++;
      } catch {
        healthFailures++;
      }
      healthMs.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
  const heapUsed: number[] = [];
  const sampler = setInterval(() => {
    const sample = { atS: Math.round((Date.now() - started) / 1000), mb: server.rssMb() };
    rss.push(sample);
    void heap()
      .then(({ usedMb, externalMb }) => {
        heapUsed.push(usedMb);
        console.log(
          `  t=${String(sample.atS).padStart(4)} s  RSS ${sample.mb.toFixed(0)} MB  heap used ${usedMb.toFixed(0)} MB  external ${externalMb.toFixed(0)} MB`,
        );
      })
      .catch(() => console.log(`  t=${String(sample.atS).padStart(4)} s  RSS ${sample.mb.toFixed(0)} MB`));
  }, SAMPLE_EVERY_MS);
  const timer = setTimeout(() => (done = true), SECONDS * 1000);
  const load = mixedLoad(server, stop).catch((error: Error) => {
    console.error(`the load could not start: ${error.message}`);
    done = true;
  });
  await Promise.all([load, health]);
  clearTimeout(timer);
  clearInterval(sampler);
  const alive = server.alive();
  await server.stop();

  const sorted = [...healthMs].sort((a, b) => a - b);
  const trend = plateau(rss, SECONDS, PLATEAU_MB_PER_MIN);
  const figures = {
    bench: "soak",
    seconds: SECONDS,
    alive,
    rssIdleMb: Math.round(rss[0].mb),
    rssLastMb: Math.round(rss.at(-1)!.mb),
    rssMaxMb: Math.round(Math.max(...rss.map((r) => r.mb))),
    rssSlopeFirstThirdMbPerMin: trend.firstThirdMbPerMin,
    rssSlopeLastThirdMbPerMin: trend.lastThirdMbPerMin,
    rssSlopeBoundMbPerMin: trend.boundMbPerMin,
    plateau: trend.levelledOff,
    heapUsedFirstMb: Math.round(heapUsed[0] ?? 0),
    heapUsedLastMb: Math.round(heapUsed.at(-1) ?? 0),
    healthChecks: healthMs.length,
    healthP50Ms: Math.round(quantile(sorted, 0.5)),
    healthP99Ms: Math.round(quantile(sorted, 0.99)),
    healthMaxMs: Math.round(sorted.at(-1) ?? 0),
    healthFailures,
    requests: counts.requests,
    serverErrors: counts.serverErrors,
    networkErrors: counts.networkErrors,
    unexpected: counts.unexpected,
    rssSeries: rss.map((r) => [r.atS, Math.round(r.mb)]),
  };
  console.log(
    `RSS: idle ${figures.rssIdleMb} MB, max ${figures.rssMaxMb} MB, last ${figures.rssLastMb} MB; trend ${trend.firstThirdMbPerMin} MB/min in the first third, ${trend.lastThirdMbPerMin} MB/min in the last (${trend.levelledOff ? "levelled off" : "STILL GROWING"}: the bound is ${PLATEAU_MB_PER_MIN} MB/min)`,
  );
  console.log(
    `/api/health: ${figures.healthChecks} checks, p50 ${figures.healthP50Ms} ms, p99 ${figures.healthP99Ms} ms, max ${figures.healthMaxMs} ms, ${healthFailures} failed`,
  );
  console.log(
    `load: ${counts.requests} requests, ${counts.serverErrors} server errors, ${counts.networkErrors} network errors, unexpected answers ${JSON.stringify(counts.unexpected)}`,
  );
  console.log(JSON.stringify(figures));
  process.exit(alive ? 0 : 1);
}

void main();
