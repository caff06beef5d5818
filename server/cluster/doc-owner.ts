import { z } from "zod";
import type { DocPeer } from "../services/live-flow";
import type { LiveFlows } from "../services/live-flows";
import { serializePerKey } from "../services/serialize-per-key";
import type { RunOwnership } from "./run-ownership";

/** What the relays send the owner of a document: a socket's seat, and Yjs messages as base64. */
const ZSeat = z.object({
  peerId: z.string(),
  socketId: z.string(),
  ref: z.string(),
  access: z.enum(["view", "edit"]),
});
const ZJoin = z.object({ flowId: z.string(), seat: ZSeat, resync: z.boolean() });
const ZSync = z.object({ flowId: z.string(), peerId: z.string(), epoch: z.number(), message: z.string() });
const ZPresence = z.object({ flowId: z.string(), peerId: z.string(), update: z.string() });
/** One peer of a flow's document (to let go, or to ask for its changes). */
const ZPeerOf = z.object({ flowId: z.string(), peerId: z.string() });
const ZKeep = z.object({ flowId: z.string(), peerIds: z.array(z.string()) });
export type DocSeatParams = z.infer<typeof ZSeat>;

/** The owner's answers: `moved` when it no longer holds the document (the relay joins again). */
export type JoinAnswer = { epoch: number | null } | { moved: true };
export type MessageAnswer = { error: string | null } | { moved: true };
export type KeepAnswer = { missing: string[] } | { moved: true };

export const toBase64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
export const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, "base64"));

/**
 * The server that holds a flow's document in a cluster: it holds the lease `doc:FLOW` while the
 * document is open here, takes peers of its own and peers relayed by the other servers (whose
 * messages it sends straight to their sockets through the realtime adapter: `reach`), and lets
 * the lease go after the last peer left and the document was saved. A relayed peer that its
 * relay stops keeping (the relay died) is let go after `forgetAfterMs`.
 */
export function docOwner(
  live: LiveFlows,
  ownership: RunOwnership,
  reach: (seat: DocSeatParams) => DocPeer,
  forgetAfterMs: number,
  now: () => number = Date.now,
) {
  const serial = serializePerKey();
  /** Relayed peers here: peer id → its flow and when its relay last kept it. */
  const relayed = new Map<string, { flowId: string; keptAt: number }>();
  const here = (flowId: string, peerId: string) => relayed.get(peerId)?.flowId === flowId;

  /** Joins the document here if this server holds it or can take it; otherwise who holds it. */
  const join = (flowId: string, peer: DocPeer, resync: boolean) =>
    serial(
      flowId,
      async (): Promise<{ ok: true; epoch: number | null } | { ok: false; owner: string | null }> => {
        const claim = await ownership.claim(flowId);
        if (!claim.ok) return claim;
        const epoch = await live.join(flowId, peer, resync);
        if (epoch === null) await ownership.release(flowId);
        return { ok: true, epoch };
      },
    );

  /** Lets a peer go; the last one out saves the document, which then frees the lease. */
  const leave = (flowId: string, peerId: string) =>
    serial(flowId, async () => {
      relayed.delete(peerId);
      await live.leave(flowId, peerId);
      if (!live.isOpen(flowId) && ownership.holds(flowId)) await ownership.release(flowId);
    });

  /** The document of a flow while this server still holds it. */
  const held = async (flowId: string) => (ownership.holds(flowId) ? await live.get(flowId) : null);

  async function answer(method: string, params: unknown): Promise<unknown> {
    switch (method) {
      case "doc.join": {
        const { flowId, seat, resync } = ZJoin.parse(params);
        // Only the holder opens the document: a server that let it go says so and is asked again.
        if (!ownership.holds(flowId)) return { moved: true } satisfies JoinAnswer;
        const joined = await join(flowId, reach(seat), resync);
        if (!joined.ok) return { moved: true } satisfies JoinAnswer;
        if (joined.epoch !== null) relayed.set(seat.peerId, { flowId, keptAt: now() });
        return { epoch: joined.epoch } satisfies JoinAnswer;
      }
      case "doc.sync": {
        const { flowId, peerId, epoch, message } = ZSync.parse(params);
        const doc = here(flowId, peerId) ? await held(flowId) : null;
        if (!doc) return { moved: true } satisfies MessageAnswer;
        return { error: doc.receiveSync(peerId, fromBase64(message), epoch) } satisfies MessageAnswer;
      }
      case "doc.presence": {
        const { flowId, peerId, update } = ZPresence.parse(params);
        const doc = here(flowId, peerId) ? await held(flowId) : null;
        if (!doc) return { moved: true } satisfies MessageAnswer;
        return { error: doc.receivePresence(peerId, fromBase64(update)) } satisfies MessageAnswer;
      }
      case "doc.ask": {
        const { flowId, peerId } = ZPeerOf.parse(params);
        const doc = here(flowId, peerId) ? await held(flowId) : null;
        if (!doc) return { moved: true } satisfies MessageAnswer;
        doc.askForChanges(peerId);
        return { error: null } satisfies MessageAnswer;
      }
      case "doc.leave": {
        const { flowId, peerId } = ZPeerOf.parse(params);
        if (here(flowId, peerId)) await leave(flowId, peerId);
        return null;
      }
      case "doc.keep": {
        const { flowId, peerIds } = ZKeep.parse(params);
        if (!(await held(flowId))) return { moved: true } satisfies KeepAnswer;
        const missing = peerIds.filter((id) => !here(flowId, id));
        for (const id of peerIds) if (here(flowId, id)) relayed.get(id)!.keptAt = now();
        return { missing } satisfies KeepAnswer;
      }
      default:
        throw new Error(`Unknown cluster request ${method}`);
    }
  }

  return {
    join,
    leave,
    answer,
    /** Lets go of relayed peers whose relay stopped keeping them (call every few seconds). */
    async sweep() {
      const cutoff = now() - forgetAfterMs;
      const gone = [...relayed].filter(([, { keptAt }]) => keptAt < cutoff);
      await Promise.all(gone.map(([peerId, { flowId }]) => leave(flowId, peerId)));
    },
    /** The lease was lost: the document is dropped unsaved (its editors bring their changes to the next holder). */
    async lost(flowId: string) {
      for (const [peerId, entry] of relayed) if (entry.flowId === flowId) relayed.delete(peerId);
      await live.discard(flowId);
    },
  };
}
export type DocOwner = ReturnType<typeof docOwner>;
