import type { ServerToClientEvents } from "@/lib/realtime/protocol";
import type { Access } from "../services/access";
import type { DocPeer } from "../services/live-flow";
import type { LiveFlows } from "../services/live-flows";

/** A socket's side of a flow's document: which socket, by which reference, with which access. */
export interface DocSeat {
  peerId: string;
  socketId: string;
  ref: string;
  access: Access;
}

/**
 * Where a socket's document messages go: the live document on this server, or, in a cluster,
 * on the server that holds the flow's document. Answers are an error to report to the socket, or null.
 */
export interface DocHost {
  /** Joins the flow's document; its epoch, or null when the flow does not exist. `peer` reaches the socket from here. */
  join(flowId: string, seat: DocSeat, peer: DocPeer): Promise<number | null>;
  sync(flowId: string, peerId: string, message: Uint8Array, epoch: number): Promise<string | null>;
  presence(flowId: string, peerId: string, update: Uint8Array): Promise<string | null>;
  leave(flowId: string, peerId: string): Promise<void>;
}

type Emit = <E extends keyof ServerToClientEvents>(
  event: E,
  ...args: Parameters<ServerToClientEvents[E]>
) => unknown;

/** A peer that sends the document's messages to a socket (`emit`: the socket's own, or through the adapter). */
export function socketPeer(seat: DocSeat, emit: Emit): DocPeer {
  const flowId = seat.ref;
  return {
    id: seat.peerId,
    access: seat.access,
    sync: (message, epoch) => emit("doc:sync", { flowId, epoch, message }),
    presence: (update) => emit("doc:presence", { flowId, update }),
    refused: (error) => emit("doc:refused", { flowId, error }),
    saved: (version, stateVector, epoch) => emit("doc:saved", { flowId, epoch, version, stateVector }),
    reset: (reset) => emit("doc:reset", { flowId, ...reset }),
  };
}

const NOT_JOINED = "Join the flow's document first";

/** One server alone: every document is here. */
export function localDocHost(live: LiveFlows): DocHost {
  return {
    join: (flowId, _seat, peer) => live.join(flowId, peer),
    async sync(flowId, peerId, message, epoch) {
      const doc = await live.get(flowId);
      return doc ? doc.receiveSync(peerId, message, epoch) : NOT_JOINED;
    },
    async presence(flowId, peerId, update) {
      const doc = await live.get(flowId);
      return doc ? doc.receivePresence(peerId, update) : NOT_JOINED;
    },
    leave: (flowId, peerId) => live.leave(flowId, peerId),
  };
}
