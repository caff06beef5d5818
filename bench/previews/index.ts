/**
 * Link-preview benchmark (never part of the tests): the production server in a child process,
 * ten clients asking at once for the previews of ten 498-node flows, five rounds (each round
 * renames the flows, so every picture is drawn afresh), while /api/health is asked every 50 ms.
 * Prints how long the pictures took, how many were turned away (503), and /api/health latency
 * during the rounds. Needs a build (`npm run build`). Last line: one JSON object.
 */
import type { FlowGraph } from "@/lib/flow";
import { api } from "@/server/abuse/client";
import { startAbuseServer } from "@/server/abuse/harness";
import { send } from "@/server/abuse/raw-http";
import { consumer, edge, graph, producer, topic } from "@/server/runtime/testing/flows";

const ROUNDS = 5;
const FLOWS = 10;

function flowOf(chains: number): FlowGraph {
  const nodes = [];
  const edges = [];
  for (let i = 0; i < chains; i++) {
    const at = (col: number) => ({ x: col * 260, y: i * 90 });
    nodes.push(
      { ...producer(`p${i}`), position: at(0) },
      { ...topic(`t${i}`), position: at(1) },
      { ...consumer(`c${i}`), position: at(2) },
    );
    edges.push(edge("publishes", `p${i}`, `t${i}`), edge("subscribes", `t${i}`, `c${i}`));
  }
  return graph(nodes, edges);
}

const quantile = (sorted: number[], q: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

async function main() {
  const server = await startAbuseServer({
    RATE_LIMIT_CREATES_PER_MIN: "1000",
    RATE_LIMIT_WRITES_PER_MIN: "1000",
  });
  try {
    const client = api(server, "127.0.0.120");
    const ids: string[] = [];
    for (let i = 0; i < FLOWS; i++) ids.push(await client.create(`Large ${i}`, flowOf(166)));
    const versions = new Map(ids.map((id) => [id, 1]));
    const previewPath = async (id: string) => {
      const page = await send(server.port, { path: `/flows/${id}`, from: "127.0.0.121" });
      const url = /<meta property="og:image" content="([^"]+)"/.exec(page.body)?.[1];
      if (!url) throw new Error(`no og:image on /flows/${id}`);
      return new URL(url).pathname + new URL(url).search;
    };
    const healthMs: number[] = [];
    const drawnMs: number[] = [];
    let busy = 0;
    let failed = 0;
    for (let round = 0; round < ROUNDS; round++) {
      // A new name is a new version: every picture of this round is drawn, none cached.
      for (const id of ids) {
        const answer = await client.call("PUT", `/api/flows/${id}`, {
          name: `Large ${id.slice(0, 4)} r${round}`,
          baseVersion: versions.get(id),
        });
        versions.set(id, Number(answer.body.version));
      }
      const paths = await Promise.all(ids.map(previewPath));
      let rendering = true;
      const health = (async () => {
        while (rendering) {
          const t = performance.now();
          await (await fetch(`${server.base}/api/health`)).arrayBuffer();
          healthMs.push(performance.now() - t);
          await new Promise((r) => setTimeout(r, 50));
        }
      })();
      await Promise.all(
        paths.map(async (path, i) => {
          const t = performance.now();
          const answer = await send(server.port, { path, from: `127.0.0.${130 + i}` });
          if (answer.status === 200) drawnMs.push(performance.now() - t);
          else if (answer.status === 503) busy++;
          else failed++;
        }),
      );
      rendering = false;
      await health;
    }
    const h = [...healthMs].sort((a, b) => a - b);
    const d = [...drawnMs].sort((a, b) => a - b);
    const figures = {
      bench: "previews",
      rounds: ROUNDS,
      concurrentRequests: FLOWS,
      nodesPerFlow: 498,
      drawn: drawnMs.length,
      turnedAway503: busy,
      failed,
      answerP50Ms: Math.round(quantile(d, 0.5)),
      answerMaxMs: Math.round(d.at(-1) ?? 0),
      healthChecks: h.length,
      healthP50Ms: Math.round(quantile(h, 0.5)),
      healthP99Ms: Math.round(quantile(h, 0.99)),
      healthMaxMs: Math.round(h.at(-1) ?? 0),
    };
    console.log(
      `previews: ${figures.drawn} drawn (answer p50 ${figures.answerP50Ms} ms, slowest ${figures.answerMaxMs} ms, one at a time), ${busy} turned away with 503, ${failed} failed`,
    );
    console.log(
      `/api/health meanwhile: ${figures.healthChecks} checks, p50 ${figures.healthP50Ms} ms, p99 ${figures.healthP99Ms} ms, max ${figures.healthMaxMs} ms`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await server.stop();
  }
}

void main();
