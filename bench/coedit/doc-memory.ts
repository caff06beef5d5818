// Memory of one open flow document on the server, measured in this process: the shared Y.Doc
// seeded with a 500-node flow, held as the server holds it (lib/realtime + live-flow), after a
// burst of edits from 20 editors arriving through the server's own path (checked, relayed, and
// compacted into a new epoch when the history passes the bound).
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as Y from "yjs";
import type { FlowGraph } from "../../lib/flow";
import { nodesOf } from "../../lib/realtime/flow-doc";
import { syncStep1, updateMessage } from "../../lib/realtime/doc-messages";
import { seedFlowDoc } from "../../lib/realtime/flow-doc-write";
import { liveFlow, type DocPeer } from "../../server/services/live-flow";

// A full collection before each reading, without asking for --expose-gc on the command line.
setFlagsFromString("--expose-gc");
const collect = runInNewContext("gc") as () => void;
const gc = () => {
  for (let i = 0; i < 3; i++) collect();
};
const EDITORS = 20;
// Outside openAndEdit: a closure made there would keep its scope (the editors' copies) alive.
const HOOKS = { changed: () => {} };

function docFrom(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

/** One open document of `graph`, moved `edits` times by 20 editors in turn (each its own 5 nodes). */
function openAndEdit(graph: FlowGraph, name: string, edits: number) {
  const doc = new Y.Doc({ gc: true });
  seedFlowDoc(doc, graph, name);
  const live = liveFlow(doc, HOOKS);
  if (edits === 0) return { live, compactions: 0 };
  const copies: Y.Doc[] = [];
  let compactions = 0;
  for (let i = 0; i < EDITORS; i++) {
    const peer: DocPeer = {
      id: `editor-${i}`,
      access: "edit",
      sync: () => {},
      presence: () => {},
      refused: (error) => {
        throw new Error(error);
      },
      saved: () => {},
      reset: (reset) => {
        copies[i] = docFrom(reset.state);
        if (i === 0) compactions++;
      },
    };
    live.join(peer);
    copies[i] = docFrom(Y.encodeStateAsUpdate(live.doc));
    live.receiveSync(peer.id, syncStep1(copies[i]), live.epoch());
  }
  const ids = graph.nodes.map((n) => n.id);
  // Each editor moves only its own nodes, so its copy needs nobody else's changes.
  for (let e = 0; e < edits; e++) {
    const editor = e % EDITORS;
    const copy = copies[editor];
    let update: Uint8Array | null = null;
    const keep = (u: Uint8Array) => (update = u);
    copy.on("update", keep);
    const id = ids[(editor * 5 + (Math.floor(e / EDITORS) % 5)) % 100];
    (nodesOf(copy).get(id) as Y.Map<unknown>).set("position", { x: e, y: editor * 40 });
    copy.off("update", keep);
    const error = live.receiveSync(`editor-${editor}`, updateMessage(update!), live.epoch());
    if (error) throw new Error(error);
  }
  for (let i = 0; i < EDITORS; i++) live.leave(`editor-${i}`);
  return { live, compactions };
}

/** Heap bytes per open document: `count` documents of `graph`, each moved `edits` times; and compactions per document. */
export function bytesPerOpenDoc(
  graph: FlowGraph,
  count = 10,
  edits = 6000,
): { bytes: number; compactions: number } {
  gc();
  const before = process.memoryUsage().heapUsed;
  const held: unknown[] = [];
  let compactions = 0;
  for (let d = 0; d < count; d++) {
    const opened = openAndEdit(graph, `Bench ${d}`, edits);
    compactions = opened.compactions;
    held.push(opened.live);
  }
  gc();
  const bytes = (process.memoryUsage().heapUsed - before) / count;
  held.length = 0;
  return { bytes, compactions };
}
