// Memory of one open flow document on the server, measured in this process: the shared Y.Doc
// seeded with a 500-node flow, wrapped as the server holds it (lib/realtime + live-flow), after
// a burst of edits.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as Y from "yjs";
import type { FlowGraph } from "../../lib/flow";
import { nodesOf } from "../../lib/realtime/flow-doc";
import { seedFlowDoc } from "../../lib/realtime/flow-doc-write";
import { liveFlow } from "../../server/services/live-flow";

// A full collection before each reading, without asking for --expose-gc on the command line.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const gc = () => {
  for (let i = 0; i < 3; i++) collect();
};

/** Heap bytes per open document: `count` documents of `graph`, each moved `edits` times. */
export function bytesPerOpenDoc(graph: FlowGraph, count = 10, edits = 6000): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: unknown[] = [];
  for (let d = 0; d < count; d++) {
    const doc = new Y.Doc({ gc: true });
    seedFlowDoc(doc, graph, `Bench ${d}`);
    const live = liveFlow(doc, { changed: () => {} });
    const nodes = nodesOf(doc);
    const ids = graph.nodes.map((n) => n.id);
    for (let e = 0; e < edits; e++)
      (nodes.get(ids[e % ids.length]) as Y.Map<unknown>).set("position", { x: e, y: e % 97 });
    held.push(live);
  }
  gc();
  const per = (process.memoryUsage().heapUsed - before) / count;
  held.length = 0;
  return per;
}
