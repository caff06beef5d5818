import type { DocHost, DocSeat } from "../gateway/doc-host";
import type { DocPeer } from "../services/live-flow";
import type { LiveFlows } from "../services/live-flows";
import { docOwner, toBase64, type JoinAnswer, type KeepAnswer, type MessageAnswer } from "./doc-owner";
import type { RunOwnership } from "./run-ownership";

/** What co-editing needs of the cluster: the document leases and requests to the other servers. */
export interface DocCluster {
  self: string;
  /** Leases `doc:FLOW`: the holder of a flow's lease holds its document. */
  ownership: RunOwnership;
  call(target: string, method: string, params: unknown): Promise<unknown>;
  /** Answers the other servers' `doc.*` requests with `handler`. */
  answer(handler: (method: string, params: unknown) => Promise<unknown>): void;
  /** Answers the other servers' REST edits routed here (`edit.*`, see routed-flow-edits). */
  answerEdits?(handler: (method: string, params: unknown) => Promise<unknown>): void;
  /** How long a lease lives unrenewed: how long a document whose holder died stays out of reach. */
  leaseMs: number;
}

/** How often a relay tells the holder its peers are still here (and so learns whether the holder is). */
export const KEEP_EVERY_MS = 1000;
const RETRY_MS = 100;
const NOT_JOINED = "Join the flow's document first";
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Joined {
  flowId: string;
  seat: DocSeat;
  peer: DocPeer;
  /** The server holding the document for this socket, or null while it looks for the next one. */
  at: string | null;
  /** The socket's latest presence while `at` is null: the next holder is told it on arrival. */
  presence: Uint8Array | null;
}

/**
 * Co-editing in a cluster: each flow's document lives on one server, the holder of its lease
 * (the first that opened it). A socket on another server is relayed: its join, messages and
 * leave go to the holder over requests between servers, and the holder sends to the socket
 * through the realtime adapter. When the holder goes away, its relays find the next holder
 * (or become it, seeding from the database) and their sockets are sent the new document, onto
 * which they write again what they had not saved yet.
 */
export function clusterDocHost(
  live: LiveFlows,
  cluster: DocCluster,
  reach: (seat: DocSeat) => DocPeer,
  keepEveryMs = KEEP_EVERY_MS,
) {
  live.fence((flowId) => cluster.ownership.holds(flowId));
  const owner = docOwner(live, cluster.ownership, reach, keepEveryMs * 5);
  cluster.answer(owner.answer);
  const joined = new Map<string, Joined>();

  /** Joins here or at the holder, waiting out a holder that does not answer until its lease runs out. */
  async function place(entry: Joined, resync: boolean, avoid: string | null): Promise<number | null> {
    const deadline = Date.now() + cluster.leaseMs * 2 + 1000;
    while (joined.get(entry.seat.peerId) === entry) {
      const mine = await owner.join(entry.flowId, entry.peer, resync);
      if (mine.ok) {
        entry.at = cluster.self;
        if (joined.get(entry.seat.peerId) !== entry) await owner.leave(entry.flowId, entry.seat.peerId);
        return mine.epoch;
      }
      if (mine.owner !== null && mine.owner !== cluster.self && mine.owner !== avoid) {
        try {
          const answer = (await cluster.call(mine.owner, "doc.join", {
            flowId: entry.flowId,
            seat: entry.seat,
            resync,
          })) as JoinAnswer;
          if (!("moved" in answer)) {
            entry.at = mine.owner;
            if (joined.get(entry.seat.peerId) !== entry)
              await cluster.call(mine.owner, "doc.leave", {
                flowId: entry.flowId,
                peerId: entry.seat.peerId,
              });
            return answer.epoch;
          }
        } catch {
          avoid = mine.owner; // gone: its lease runs out, then someone takes the document
        }
      }
      if (Date.now() > deadline) throw new Error("The server holding this flow's document did not answer");
      await sleep(RETRY_MS);
    }
    return null;
  }

  /** The holder of these peers' document is gone or let it go: they join wherever it is now, afresh. */
  function rejoin(entries: Joined[], avoid: string | null) {
    for (const entry of entries) entry.at = null;
    void (async () => {
      for (const entry of entries)
        await place(entry, true, avoid)
          .then((epoch) => (epoch === null ? null : arrived(entry)))
          .catch((error) => {
            console.error(`[coedit] ${entry.seat.peerId} could not rejoin flow ${entry.flowId}`, error);
            entry.peer.refused("The flow's document is out of reach: reload the page to try again");
          });
    })();
  }
  /**
   * A peer rejoined: the holder sent it the present epoch as it joined, and what the socket sent
   * back (its unsaved changes written onto that epoch, its presence) may have reached this server
   * before the answer did, while it knew no holder. Its latest presence goes to the holder now,
   * and the holder asks it for whatever of its changes the document still lacks.
   */
  async function arrived(entry: Joined) {
    const { flowId, seat, presence } = entry;
    entry.presence = null;
    const refused = presence ? await sendPresence(entry, presence) : null;
    if (refused) entry.peer.refused(refused);
    if (entry.at === cluster.self) (await live.get(flowId))?.askForChanges(seat.peerId);
    else if (entry.at !== null) await ask(entry, "doc.ask", { flowId, peerId: seat.peerId });
  }
  async function sendPresence(entry: Joined, update: Uint8Array): Promise<string | null> {
    const { flowId, seat } = entry;
    if (entry.at === null) {
      entry.presence = update;
      return null;
    }
    if (entry.at === cluster.self)
      return (await live.get(flowId))?.receivePresence(seat.peerId, update) ?? null;
    return ask(entry, "doc.presence", { flowId, peerId: seat.peerId, update: toBase64(update) });
  }
  const onFlow = (flowId: string, at: string) =>
    [...joined.values()].filter((e) => e.flowId === flowId && e.at === at);

  cluster.ownership.onLost((flowId) => {
    void owner.lost(flowId).then(() => rejoin(onFlow(flowId, cluster.self), null));
  });

  /** A request to the holder; `moved` or no answer sends the flow's peers of that holder to the next one. */
  async function ask(entry: Joined, method: string, params: unknown): Promise<string | null> {
    const at = entry.at!;
    try {
      const answer = (await cluster.call(at, method, params)) as MessageAnswer;
      if (!("moved" in answer)) return answer.error;
      if (entry.at === at) rejoin(onFlow(entry.flowId, at), null);
    } catch {
      if (entry.at === at) rejoin(onFlow(entry.flowId, at), at);
    }
    return null;
  }

  async function keep() {
    const groups = new Map<string, Joined[]>();
    for (const entry of joined.values()) {
      if (entry.at === null || entry.at === cluster.self) continue;
      const key = `${entry.at}\n${entry.flowId}`;
      groups.set(key, [...(groups.get(key) ?? []), entry]);
    }
    await Promise.all(
      [...groups.values()].map(async (entries) => {
        const { at, flowId } = entries[0];
        const peerIds = entries.map((e) => e.seat.peerId);
        try {
          const answer = (await cluster.call(at!, "doc.keep", { flowId, peerIds })) as KeepAnswer;
          if ("moved" in answer) return rejoin(onFlow(flowId, at!), null);
          const missing = new Set(answer.missing);
          rejoin(
            entries.filter((e) => missing.has(e.seat.peerId) && e.at === at),
            null,
          );
        } catch {
          rejoin(onFlow(flowId, at!), at);
        }
      }),
    );
    await owner.sweep();
  }
  const timer = setInterval(() => void keep().catch(() => {}), keepEveryMs);
  timer.unref();

  const host: DocHost = {
    async join(flowId, seat, peer) {
      const entry: Joined = { flowId, seat, peer, at: null, presence: null };
      joined.set(seat.peerId, entry);
      try {
        const epoch = await place(entry, false, null);
        if (epoch === null && joined.get(seat.peerId) === entry) joined.delete(seat.peerId);
        return epoch;
      } catch (error) {
        if (joined.get(seat.peerId) === entry) joined.delete(seat.peerId);
        throw error;
      }
    },
    async sync(flowId, peerId, message, epoch) {
      const entry = joined.get(peerId);
      if (!entry || entry.flowId !== flowId) return NOT_JOINED;
      if (entry.at === null) return null; // on its way to the next holder, which asks for what it lacks
      if (entry.at === cluster.self)
        return (await live.get(flowId))?.receiveSync(peerId, message, epoch) ?? null;
      return ask(entry, "doc.sync", { flowId, peerId, epoch, message: toBase64(message) });
    },
    async presence(flowId, peerId, update) {
      const entry = joined.get(peerId);
      if (!entry || entry.flowId !== flowId) return NOT_JOINED;
      return sendPresence(entry, update);
    },
    async leave(flowId, peerId) {
      const entry = joined.get(peerId);
      if (!entry || entry.flowId !== flowId) return;
      joined.delete(peerId);
      if (entry.at === cluster.self) return owner.leave(flowId, peerId);
      if (entry.at !== null) await cluster.call(entry.at, "doc.leave", { flowId, peerId }).catch(() => {});
    },
  };
  return { ...host, close: () => clearInterval(timer) };
}
