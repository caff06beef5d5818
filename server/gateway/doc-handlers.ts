import type { Ack, DocJoined } from "@/lib/realtime/protocol";
import { ZDocJoin, ZDocPresence, ZDocSync } from "@/lib/realtime/requests";
import type { Services } from "../services/use-cases";
import type { GatewaySocket } from "./flow-channels";
import { parse } from "./handlers";
import { socketPeer, type DocHost, type DocSeat } from "./doc-host";

const refuse = (error: string): Ack<never> => ({ ok: false, error });

/**
 * Co-editing over a socket: joining a flow's shared document (edit or view access, checked
 * by the flow service), relaying Yjs sync and awareness messages to the live document, and
 * leaving. Messages name the flow by the reference the client has (flow id or view token).
 */
export function docHandlers(socket: GatewaySocket, services: Services, host: DocHost) {
  const peerId = (ref: string) => `${socket.id}:${ref}`;

  async function leave(ref: string) {
    const flowId = socket.data.docs[ref];
    if (!flowId) return;
    delete socket.data.docs[ref];
    await host.leave(flowId, peerId(ref));
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
      const seat: DocSeat = { peerId: peerId(ref), socketId: socket.id, ref, access };
      const epoch = await host
        .join(row.id, seat, socketPeer(seat, socket.emit.bind(socket)))
        .catch((error: unknown) => {
          delete socket.data.docs[ref];
          throw error;
        });
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
      const flowId = socket.data.docs[ref];
      if (!flowId) return complain(ref, "Join the flow's document first");
      complain(ref, await host.sync(flowId, peerId(ref), message.value.message, message.value.epoch));
    },

    async presence(payload: unknown): Promise<void> {
      const message = parse(ZDocPresence, payload);
      if (!message.ok) return complain(refOf(payload), message.answer.ok ? null : message.answer.error);
      const { flowId: ref } = message.value;
      const flowId = socket.data.docs[ref];
      if (!flowId) return complain(ref, "Join the flow's document first");
      complain(ref, await host.presence(flowId, peerId(ref), message.value.update));
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
