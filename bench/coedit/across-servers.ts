// `npm run bench:coedit:cluster`: co-editing across the servers of a cluster. Two servers in one
// process (real gateways, PostgreSQL and Redis, as the cluster tests run them); one editor moves a
// node 200 times, one change at a time, and another editor sees each move: once on the same server
// (the document's holder), once on the other server (relayed). Prints how long a change takes to
// reach the other editor (p50/p99), with the client's 40 ms send batching and without; last line is JSON.
import { loadavg } from "node:os";
import type { FlowGraph } from "../../lib/flow";
import { producerKind, topicKind } from "../../lib/flow";
import { connectDoc } from "../../components/realtime/doc-connection";
import { coeditCluster, type ServedServer } from "../../server/cluster/coedit-servers";
import type { Editor } from "../../server/gateway/testing/coedit-server";
import { percentile } from "../shared/app-server";

const EDITS = 200;
const round = (n: number) => Math.round(n * 10) / 10;
const graph: FlowGraph = {
  schemaVersion: 2,
  nodes: [
    { id: "p", kind: "producer", position: { x: 0, y: 0 }, config: producerKind.defaults() },
    { id: "t", kind: "topic", position: { x: 300, y: 0 }, config: topicKind.defaults() },
  ],
  edges: [{ id: "pub", kind: "publishes", source: "p", target: "t" }],
};

/** Moves node p `EDITS` times on `from`; the time until `to` holds each move, sorted. */
async function latencies(from: Editor, to: Editor): Promise<number[]> {
  const seen: number[] = [];
  for (let i = 1; i <= EDITS; i++) {
    const started = performance.now();
    from.edit((g) => ({
      ...g,
      nodes: g.nodes.map((n) => (n.id === "p" ? { ...n, position: { x: i, y: 0 } } : n)),
    }));
    while (to.graph().nodes[0].position.x !== i) {
      if (performance.now() - started > 5000) throw new Error(`move ${i} did not arrive`);
      await new Promise((r) => setImmediate(r));
    }
    seen.push(performance.now() - started);
    // Within a socket's budget of document messages (60 a second): none is refused as too many.
    await new Promise((r) => setTimeout(r, 25));
  }
  return seen.sort((a, b) => a - b);
}

async function main() {
  /** The client's send batching: 40 ms as in the browser, then none (the transport alone). */
  let batchMs = 40;
  const cluster = await coeditCluster((socket, ref, doc, awareness) =>
    connectDoc(socket, ref, doc, awareness, () => {}, batchMs),
  );
  try {
    const [a, b] = [await cluster.serve("bench-a"), await cluster.serve("bench-b")];
    const flowOn = async (server: ServedServer) => {
      const created = await server.services.flows.create({ name: "Bench", graph });
      if (!created.ok) throw new Error(created.body.error);
      return created.value.id;
    };
    const figures = (sorted: number[]) => ({
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      max: round(sorted.at(-1)!),
    });
    const rows: Record<string, ReturnType<typeof figures>> = {};
    for (const batch of [40, 0]) {
      batchMs = batch;
      const same = await flowOn(a);
      rows[`sameServerBatch${batch}`] = figures(
        await latencies(await cluster.editor(a, same, "X"), await cluster.editor(a, same, "Y")),
      );
      const across = await flowOn(a);
      const x = await cluster.editor(a, across, "X");
      const y = await cluster.editor(b, across, "Y");
      if (b.services.live.isOpen(across)) throw new Error("the relayed server opened a document of its own");
      rows[`holderToRelayedBatch${batch}`] = figures(await latencies(x, y));
      rows[`relayedToHolderBatch${batch}`] = figures(await latencies(y, x));
    }
    for (const [name, f] of Object.entries(rows))
      console.log(`${name}: p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.max} ms over ${EDITS} moves`);
    const load = round(loadavg()[0]);
    console.log(`load average (1 min): ${load}`);
    console.log(JSON.stringify({ bench: "coedit-cluster", edits: EDITS, ...rows, loadAverage: load }));
  } finally {
    await cluster.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
