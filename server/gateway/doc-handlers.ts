import { ZDocJoin, ZDocPresence, ZDocSync, type Ack, type DocJoined } from "@/lib/realtime/protocol";
import type { DocPeer } from "../services/live-flow";
import type { Services } from "../services/use-cases";
import type { GatewaySocket } from "./flow-channels";
import { parse } from "./handlers";

const refuse = (error: string): Ack<never> => ({ ok: false, error });

/**
 * Co-editing over a socket: joining a flow's shared document (edit or view access, checked
 * by the flow service), relaying Yjs sync and awareness messages to the live document, and
 * leaving. Messages name the flow by the reference the client has (flow id or view token).
 */
export function docHandlers(socket: GatewaySocket, services: Services) {
  const { live } = services;
  const peerId = (ref: string) => `${socket.id}:${ref}`;

  function peerFor(ref: string, access: "view" | "edit"): DocPeer {
    return {
      id: peerId(ref),
      access,
      sync: (message, epoch) => socket.emit("doc:sync", { flowId: ref, epoch, message }),
      presence: (update) => socket.emit("doc:presence", { flowId: ref, update }),
      refused: (error) => socket.emit("doc:refused", { flowId: ref, error }),
      saved: (version, stateVector, epoch) =>
        socket.emit("doc:saved", { flowId: ref, epoch, version, stateVector }),
      reset: (reset) => socket.emit("doc:reset", { flowId: ref, ...reset }),
    };
  }

  async function leave(ref: string) {
    const flowId = socket.data.docs[ref];
    if (!flowId) return;
    delete socket.data.docs[ref];
    await live.leave(flowId, peerId(ref));
  }

  /** Reports a malformed message back to its sender (these messages have no acknowledgement). */
  const complain = (ref: string, error: string | null) => {
    if (error) socket.emit("doc:refused", { flowId: ref, error });
  };

  return {
    async join(payload: unknown): Promise<Ack<DocJoined>> {
      const request = parse(ZDocJoin, payload);
      if (!request.ok) return request.answer;
      const ref = request.value.flowId;
      const found = await services.flows.authorize(ref, "view");
      if (!found.ok) return refuse(found.body.error);
      const { row, access } = found.value;
      if (socket.data.docs[ref]) await leave(ref);
      socket.data.docs[ref] = row.id;
      const epoch = await live.join(row.id, peerFor(ref, access));
      if (epoch === null) {
        delete socket.data.docs[ref];
        return refuse("No flow with this id: check the link, or create a new flow");
      }
      return { ok: true, value: { access, epoch } };
    },

    async leave(payload: unknown): Promise<Ack> {
      const request = parse(ZDocJoin, payload);
      if (!request.ok) return request.answer;
      await leave(request.value.flowId);
      return { ok: true, value: null };
    },

    async sync(payload: unknown): Promise<void> {
      const message = parse(ZDocSync, payload);
      if (!message.ok) return complain(refOf(payload), message.answer.ok ? null : message.answer.error);
      const { flowId: ref } = message.value;
      const doc = socket.data.docs[ref] ? await live.get(socket.data.docs[ref]) : null;
      if (!doc) return complain(ref, "Join the flow's document first");
      complain(ref, doc.receiveSync(peerId(ref), message.value.message, message.value.epoch));
    },

    async presence(payload: unknown): Promise<void> {
      const message = parse(ZDocPresence, payload);
      if (!message.ok) return complain(refOf(payload), message.answer.ok ? null : message.answer.error);
      const { flowId: ref } = message.value;
      const doc = socket.data.docs[ref] ? await live.get(socket.data.docs[ref]) : null;
      if (!doc) return complain(ref, "Join the flow's document first");
      complain(ref, doc.receivePresence(peerId(ref), message.value.update));
    },

    /** The socket went away: it leaves every document it had joined. */
    async disconnect(): Promise<void> {
      await Promise.all(Object.keys(socket.data.docs).map(leave));
    },
  };
}

function refOf(payload: unknown): string {
  const ref = (payload as { flowId?: unknown } | null)?.flowId;
  return typeof ref === "string" ? ref.slice(0, 64) : "";
}
