import type * as Y from "yjs";
import * as awarenessProtocol from "y-protocols/awareness";
import { readPresenceUpdate } from "@/lib/realtime/presence";
import type { DocPeer } from "./live-flow";

/**
 * The presence of the people on a flow's shared document (y-protocols awareness): each peer
 * speaks only for the people on its own connection (nobody can move or remove someone else),
 * and what one says is relayed to the other peers.
 */
export function docPresence(doc: Y.Doc, peers: () => Iterable<DocPeer>) {
  /** Awareness client ids each peer speaks for. */
  const clientsOf = new Map<string, Set<number>>();
  const awareness = new awarenessProtocol.Awareness(doc);
  awareness.setLocalState(null);
  awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
    const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [...added, ...updated, ...removed]);
    for (const peer of peers()) if (peer !== origin) peer.presence(update);
  });

  return {
    /** Tells a peer that just joined who is here. */
    greet(peer: DocPeer) {
      const states = [...awareness.getStates().keys()];
      if (states.length) peer.presence(awarenessProtocol.encodeAwarenessUpdate(awareness, states));
    },

    /** The display name of the person on a peer's connection ("Someone" until they say). */
    nameOf(peer: DocPeer): string {
      for (const id of clientsOf.get(peer.id) ?? []) {
        const state = awareness.getStates().get(id) as { user?: { name?: string } } | undefined;
        if (state?.user?.name) return state.user.name;
      }
      return "Someone";
    },

    /** One awareness update from a peer that may edit; returns why it was refused, if it was. */
    receive(peer: DocPeer, update: Uint8Array): string | null {
      const entries = readPresenceUpdate(update);
      if (!entries) return "Malformed message: not a presence update";
      const mine = clientsOf.get(peer.id) ?? new Set<number>();
      for (const { clientId } of entries) {
        if (mine.has(clientId)) continue;
        for (const [other, ids] of clientsOf)
          if (other !== peer.id && ids.has(clientId)) return "Not your presence";
        if (mine.size >= 4) return "Too many people on one connection";
        mine.add(clientId);
      }
      clientsOf.set(peer.id, mine);
      awarenessProtocol.applyAwarenessUpdate(awareness, update, peer);
      return null;
    },

    /** A peer left: the people on its connection leave with it. */
    leave(peer: DocPeer) {
      const ids = [...(clientsOf.get(peer.id) ?? [])];
      clientsOf.delete(peer.id);
      if (ids.length) awarenessProtocol.removeAwarenessStates(awareness, ids, peer);
    },

    /** The document was replaced by a new epoch (the awareness reads only its client id; presence stays). */
    follow(next: Y.Doc) {
      awareness.doc = next;
    },

    close: () => awareness.destroy(),
  };
}
