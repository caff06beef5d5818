import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FlowGraph } from "@/lib/flow";
import { consumer, edge, graph, producer, topic } from "../runtime/testing/flows";
import { api, until } from "./client";
import { startAbuseServer, type AbuseServer } from "./harness";
import { underAttack } from "./health-watch";
import { send, type RawAnswer } from "./raw-http";

// Link-preview pictures are drawn in a child process: however many are asked for, the server's
// own thread keeps answering, one picture is drawn at a time, PREVIEW_MAX_WAITING (8) wait and
// the rest are told to come back. A stopped drawing process makes that order exact.
let server: AbuseServer;
beforeAll(async () => {
  server = await startAbuseServer({ RATE_LIMIT_CREATES_PER_MIN: "1000", PREVIEW_TIMEOUT_MS: "60000" });
}, 90_000);
afterAll(() => server?.stop());

/** `chains` producer → topic → consumer rows: 3 × chains nodes. */
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

/** The og:image path a flow's page names. */
async function previewPath(id: string): Promise<string> {
  const page = await send(server.port, { path: `/flows/${id}`, from: "127.0.0.30" });
  const url = /<meta property="og:image" content="([^"]+)"/.exec(page.body)?.[1];
  if (!url) throw new Error(`no og:image on /flows/${id}`);
  return new URL(url).pathname + new URL(url).search;
}

const isPng = (answer: RawAnswer) =>
  answer.status === 200 &&
  answer.headers["content-type"] === "image/png" &&
  answer.body.slice(1, 4) === "PNG";
const BUSY = "Too many link previews are being drawn right now; try again in a few seconds";

describe("link previews", () => {
  it("draws one picture at a time off the server's thread; past the queue, 503 with Retry-After at once", async () => {
    const client = api(server, "127.0.0.31");
    const ids = [];
    for (let i = 0; i < 13; i++) ids.push(await client.create(`Preview ${i}`, flowOf(10)));
    const paths = await Promise.all(ids.map(previewPath));
    // The first picture starts the drawing process; once it is drawn, that process is stopped.
    expect(isPng(await send(server.port, { path: paths[0], from: "127.0.0.32" }))).toBe(true);
    const [drawer] = server.children("preview-child.mjs");
    expect(drawer).toBeGreaterThan(0);
    process.kill(drawer, "SIGSTOP");
    try {
      const arrived: RawAnswer[] = [];
      const asked = paths.slice(1).map((path, i) =>
        send(server.port, { path, from: `127.0.0.${40 + i}` }).then((answer) => {
          arrived.push(answer);
          return answer;
        }),
      );
      // 12 asked: one is being drawn, eight wait, three are turned away without waiting.
      await until(
        "three refusals",
        () => arrived.length,
        (n) => n >= 3,
      );
      expect(arrived.map((a) => a.status)).toEqual([503, 503, 503]);
      for (const answer of arrived) {
        expect(answer.body).toBe(BUSY);
        expect(answer.headers["retry-after"]).toBe("5");
      }
      // Meanwhile the server answers everyone else.
      const health = await fetch(`${server.base}/api/health`, { signal: AbortSignal.timeout(1000) });
      expect(health.status).toBe(200);
      expect((await client.get(ids[5])).status).toBe(200);
      process.kill(drawer, "SIGCONT");
      const answers = await Promise.all(asked);
      expect(answers.filter(isPng)).toHaveLength(9);
      expect(answers.filter((a) => a.status === 503)).toHaveLength(3);
    } finally {
      process.kill(drawer, "SIGCONT");
    }
  }, 120_000);

  it("ten clients asking at once for previews of ten 498-node flows: health answers throughout", async () => {
    const client = api(server, "127.0.0.33");
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await client.create(`Large ${i}`, flowOf(166)));
    const paths = await Promise.all(ids.map(previewPath));
    const { result, health } = await underAttack(server.base, () =>
      Promise.all(paths.map((path, i) => send(server.port, { path, from: `127.0.0.${60 + i}` }))),
    );
    for (const answer of result) expect(isPng(answer) || answer.body === BUSY).toBe(true);
    expect(result.filter(isPng).length).toBeGreaterThanOrEqual(9);
    expect(health.failures).toEqual([]);
    // Drawn once per version: asking again is answered from the cache, all ten of them.
    const again = await Promise.all(paths.map((path) => send(server.port, { path, from: "127.0.0.34" })));
    expect(again.filter(isPng).length).toBeGreaterThanOrEqual(9);
  }, 180_000);
});
