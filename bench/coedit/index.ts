// `npm run bench:coedit`: 20 simulated editors (socket clients speaking the designer's own sync
// code) each make 5 changes a second to one 500-node flow for 60 s (--quick: 10 s), with 2 more
// clients watching. Prints how long a change takes to reach the other clients (p50/p99), the
// server's CPU and memory, database writes per minute, and the memory of one open 500-node
// document. Starts its own server (production build, temp database); last line is one JSON object.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
// @ts-expect-error plain .mjs helpers shared with scripts/test.mjs
import { buildIfStale } from "../../scripts/build-if-stale.mjs";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/protocol";
import { nodesOf } from "../../lib/realtime/flow-doc";
import { connectDoc } from "../../components/realtime/doc-connection";
import { bigFlow } from "../canvas/big-flow";
import { freePort, percentile, startServer, treeCpuSeconds, waitForHealth } from "../shared/app-server";
import { bytesPerOpenDoc } from "./doc-memory";

const quick = process.argv.includes("--quick");
const SECONDS = quick ? 10 : 60;
const EDITORS = 20;
const WATCHERS = 2;
const CHANGES_PER_SEC = 5;
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Resident memory (bytes) of a process and its descendants (the tsx wrapper runs node as a child). */
function treeRssBytes(root: number): number {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc"))
    if (/^\d+$/.test(entry))
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
        parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
      } catch {
        // ended meanwhile
      }
  const inTree = (pid: number): boolean => pid === root || (parent.has(pid) && inTree(parent.get(pid)!));
  let total = 0;
  for (const pid of parent.keys())
    if (inTree(pid))
      try {
        const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
        total += Number(kb ?? 0) * 1024;
      } catch {
        // ended meanwhile
      }
  return total;
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

async function main() {
  buildIfStale();
  const dir = mkdtempSync(join(tmpdir(), "eventloom-bench-coedit-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = startServer(port, join(dir, "bench.db"));
  const sockets: Client[] = [];
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

    /** When each change was made: `${nodeId}:${x}` → ms (one clock: every client is in this process). */
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    const clients = await Promise.all(
      Array.from({ length: EDITORS + WATCHERS }, async (_, i) => {
        const socket: Client = io(base, { transports: ["websocket"], forceNew: true });
        sockets.push(socket);
        const doc = new Y.Doc();
        const awareness = new Awareness(doc);
        awareness.setLocalState({ user: { name: `Editor ${i + 1}`, colour: "#2563eb" } });
        const connection = connectDoc(socket, flow.id, doc, awareness);
        nodesOf(doc).observeDeep((events, transaction) => {
          if (transaction.local) return;
          const now = performance.now();
          for (const event of events) {
            if (event.path.length !== 1 || !(event as Y.YMapEvent<unknown>).keysChanged?.has("position"))
              continue;
            const position = (event.target as Y.Map<{ x: number }>).get("position");
            const at = sent.get(`${event.path[0]}:${position?.x}`);
            if (at !== undefined) latencies.push(now - at);
          }
        });
        for (let t = 0; !connection.status().synced; t++) {
          if (t > 600) throw new Error(`client ${i + 1} did not get the flow within 60 s`);
          await sleep(100);
        }
        return { doc, connection };
      }),
    );
    const rssJoined = treeRssBytes(server.pid!);
    console.log(
      `${EDITORS} editors + ${WATCHERS} watchers joined a ${graph.nodes.length}-node flow; ` +
        `${EDITORS} × ${CHANGES_PER_SEC} changes/s for ${SECONDS} s`,
    );

    // Each editor moves its own few producers (a drag's worth of position changes).
    let seq = 0;
    const cpuBefore = treeCpuSeconds(server.pid!);
    const started = performance.now();
    const timers = clients.slice(0, EDITORS).map(({ doc }, i) =>
      setInterval(() => {
        const id = `p${(i * 5 + (seq % 5)) % 100}`;
        const x = ++seq;
        sent.set(`${id}:${x}`, performance.now());
        (nodesOf(doc).get(id) as Y.Map<unknown>).set("position", { x, y: i * 40 });
      }, 1000 / CHANGES_PER_SEC),
    );
    let peakRss = rssJoined;
    for (let s = 0; s < SECONDS; s++) {
      await sleep(1000);
      peakRss = Math.max(peakRss, treeRssBytes(server.pid!));
    }
    timers.forEach(clearInterval);
    const elapsed = (performance.now() - started) / 1000;
    const cpu = treeCpuSeconds(server.pid!) - cpuBefore;
    await sleep(3000); // the last changes arrive and the server saves them
    const expected = seq * (EDITORS + WATCHERS - 1);

    const stored = (await (await fetch(`${base}/api/flows/${flow.id}`)).json()) as { version: number };
    const history = (await (await fetch(`${base}/api/flows/${flow.id}/revisions?limit=100`)).json()) as {
      revisions: { version: number }[];
    };
    const saves = stored.version - flow.version;
    const revisions = history.revisions.filter((r) => r.version > flow.version).length;
    const writesPerMin = ((saves + revisions) / elapsed) * 60;
    const converged = clients.every(
      ({ doc }) => JSON.stringify(nodesOf(doc).toJSON()) === JSON.stringify(nodesOf(clients[0].doc).toJSON()),
    );

    latencies.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    const perDocOpened = bytesPerOpenDoc(graph, 10, 0);
    const perDoc = bytesPerOpenDoc(graph);
    const mb = (b: number) => round(b / 1024 / 1024);

    console.log(`changes made: ${seq}; deliveries seen: ${latencies.length} of ${expected}`);
    console.log(
      `remote change latency: p50 ${round(p50)} ms, p99 ${round(p99)} ms, max ${round(latencies.at(-1) ?? 0)} ms (target p99 < 100 ms; includes the client's 40 ms send batching)`,
    );
    console.log(
      `server CPU: ${round((cpu / elapsed) * 100)} % of one core (${round(cpu, 2)} s over ${round(elapsed)} s)`,
    );
    console.log(
      `server RSS: ${mb(rssIdle)} MB idle, ${mb(rssJoined)} MB with the document open and ${EDITORS + WATCHERS} clients, peak ${mb(peakRss)} MB`,
    );
    console.log(
      `memory of one open 500-node document (heap): ${mb(perDocOpened)} MB when opened, ${mb(perDoc)} MB after 6000 edits (target < 5 MB)`,
    );
    console.log(
      `database writes: ${saves} saves + ${revisions} revisions = ${round(writesPerMin)} per minute; all clients converged: ${converged}`,
    );
    console.log(
      JSON.stringify({
        bench: "coedit",
        editors: EDITORS,
        watchers: WATCHERS,
        seconds: round(elapsed),
        changes: seq,
        deliveries: latencies.length,
        expectedDeliveries: expected,
        latencyP50Ms: round(p50),
        latencyP99Ms: round(p99),
        latencyMaxMs: round(latencies.at(-1) ?? 0),
        serverCpuPercent: round((cpu / elapsed) * 100),
        serverRssIdleMb: mb(rssIdle),
        serverRssJoinedMb: mb(rssJoined),
        serverRssPeakMb: mb(peakRss),
        docHeapOpenedMb: mb(perDocOpened),
        docHeapAfter6000EditsMb: mb(perDoc),
        dbWritesPerMin: round(writesPerMin),
        converged,
      }),
    );
  } finally {
    for (const socket of sockets) socket.disconnect();
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
