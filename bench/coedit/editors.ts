// bench:coedit's simulated editors: socket clients speaking the designer's own sync code, each
// moving producers of its own and noting how long each other editor's move took to reach it.
// One clock: every editor is in this process.
import { io, type Socket } from "socket.io-client";
import * as Y from "yjs";
import { Awareness } from "y-protocols/awareness";
import type { ClientToServerEvents, ServerToClientEvents } from "../../lib/realtime/protocol";
import { nodesOf } from "../../lib/realtime/flow-doc";
import { connectDoc } from "../../components/realtime/doc-connection";

/**
 * How an editor picks the producer each move is of. `drag`: as a person drags, one producer for
 * a while (CHANGES_PER_DRAG moves), then the next. `scatter`: the next producer at every move,
 * the worst case for the document's history: Yjs merges a run of one person's changes to one
 * field into one item, while scattered changes each stay an item until the server compacts the
 * document.
 */
export type MovePattern = "drag" | "scatter";
export const CHANGES_PER_DRAG = 10;
/**
 * Editor i moves p(5i) … p(5i + 4), or fewer of its own where the flow has not five producers
 * for each editor. Never two editors on one producer: a move that loses to another's made at the
 * same moment is never shown, and would count as a delivery lost.
 */
const PRODUCERS_PER_EDITOR = 5;

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Wall-clock milliseconds, as the browsers' pages read them too. */
const now = () => performance.timeOrigin + performance.now();

/** Connects `count` editors to the flow (of `producers` producers); resolves once every one holds it. */
export async function joinEditors(base: string, flowId: string, count: number, producers: number) {
  const perEditor = Math.min(PRODUCERS_PER_EDITOR, Math.floor(producers / count));
  if (perEditor < 1)
    throw new Error(
      `${count} editors need a producer each; the flow has ${producers} (try a larger --nodes)`,
    );
  const sockets: Client[] = [];
  /** When each move was made: `${nodeId}:${x}` → ms. */
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  /** Epochs the first editor's copy went through (a new one at each compaction). */
  const epochs = new Set<number>();
  const connections = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const socket: Client = io(base, { transports: ["websocket"], forceNew: true });
      sockets.push(socket);
      const awareness = new Awareness(new Y.Doc());
      awareness.setLocalState({ user: { name: `Editor ${i + 1}`, colour: "#2563eb" } });
      const observe = (doc: Y.Doc) =>
        nodesOf(doc).observeDeep((events, transaction) => {
          if (transaction.local) return;
          const at = now();
          for (const event of events) {
            if (event.path.length !== 1 || !(event as Y.YMapEvent<unknown>).keysChanged?.has("position"))
              continue;
            const position = (event.target as Y.Map<{ x: number }>).get("position");
            const sentAt = sent.get(`${event.path[0]}:${position?.x}`);
            if (sentAt !== undefined) latencies.push(at - sentAt);
          }
        });
      observe(awareness.doc);
      const connection = connectDoc(socket, flowId, awareness.doc, awareness, undefined, undefined, observe);
      for (let t = 0; !connection.status().synced; t++) {
        if (t > 600) throw new Error(`editor ${i + 1} did not get the flow within 60 s`);
        await sleep(100);
      }
      return connection;
    }),
  );
  let seq = 0;
  let timers: NodeJS.Timeout[] = [];
  /** Each node as editor i's copy holds it (JSON). */
  const nodesJson = (i: number) => JSON.stringify(nodesOf(connections[i].doc()).toJSON());
  return {
    latencies,
    /** When the move `${nodeId}:${x}` was made (the latest one to that x). */
    sentAt: (key: string) => sent.get(key),
    /** Moves made so far by every editor. */
    changes: () => seq,
    /** The epochs the first editor's copy has been through, its present one included. */
    epochs(): ReadonlySet<number> {
      return epochs.add(connections[0].epoch()!);
    },
    /** Each editor moves its own producers `perSec` times a second, to x = move number mod `xRange`. */
    startMoving(pattern: MovePattern, perSec: number, xRange: number) {
      timers = connections.map((connection, i) => {
        let moves = 0;
        return setInterval(() => {
          const step = pattern === "drag" ? Math.floor(moves++ / CHANGES_PER_DRAG) : moves++;
          const id = `p${i * perEditor + (step % perEditor)}`;
          const x = ++seq % xRange;
          sent.set(`${id}:${x}`, now());
          (nodesOf(connection.doc()).get(id) as Y.Map<unknown>).set("position", { x, y: i * 40 });
          if (i === 0) epochs.add(connection.epoch()!);
        }, 1000 / perSec);
      });
    },
    stopMoving: () => timers.forEach(clearInterval),
    /** Whether every editor's copy holds the same nodes. */
    converged() {
      const first = nodesJson(0);
      return connections.every((_, i) => nodesJson(i) === first);
    },
    /** A node's position as the first editor's copy holds it (JSON). */
    positionOf: (id: string) => JSON.stringify(nodesOf(connections[0].doc()).get(id)?.get("position")),
    close: () => sockets.forEach((socket) => socket.disconnect()),
  };
}

export type Editors = Awaited<ReturnType<typeof joinEditors>>;
